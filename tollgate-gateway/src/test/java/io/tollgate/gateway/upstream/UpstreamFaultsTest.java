package io.tollgate.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.gateway.server.GatewayOptions;
import io.tollgate.gateway.testing.GatewayHarness.Response;
import io.tollgate.gateway.testing.RawGateway;
import io.tollgate.gateway.testing.RawUpstream.Fault;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Upstream faults (reliability.md C5): every broken answer is a 502 that forwards nothing of it, a
 * silent upstream is a 504 at the read timeout, a refused connection a 502 and a blackholed one a
 * 504 at the connect timeout; no upstream connection is left open behind the faults.
 */
class UpstreamFaultsTest {
    private static final Duration READ = Duration.ofMillis(1000);
    private static RawGateway gateway;

    @BeforeAll
    static void start() {
        gateway = RawGateway.start(GatewayOptions.builder().accessLog(false).upstreamReadTimeout(READ)
                .upstreamConnectTimeout(Duration.ofMillis(500)).build());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void healthy() {
        gateway.upstream.fault(Fault.NONE);
    }

    private static Response get() {
        return gateway.gw.get(RawGateway.HOST, "/?user_key=k");
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"RESET", "EMPTY_RESPONSE", "MALFORMED_CHUNK", "RANDOM_DATA", "HUGE_HEADER",
            "CR_IN_HEADER", "LF_IN_HEADER"})
    void aBrokenUpstreamAnswerIs502AndNothingOfItIsForwarded(Fault fault) {
        gateway.upstream.fault(fault);

        Response r = get();

        String seen = fault + ": " + r.status() + " " + r.headers().entries() + " [" + r.body() + "]";
        assertThat(r.status()).as(seen).isEqualTo(502);
        assertThat(r.body()).as(seen).isEqualTo("Bad Gateway\n");
        assertThat(r.header("X-Huge")).isNull();
        assertThat(r.header("X-Evil")).isNull();
        assertThat(r.header("Set-Cookie")).isNull();
    }

    @Test
    void aSilentUpstreamIs504AtTheReadTimeout() {
        gateway.upstream.fault(Fault.NO_ANSWER);
        long start = System.nanoTime();

        Response r = get();

        long elapsed = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.status()).isEqualTo(504);
        assertThat(r.body()).isEqualTo("Gateway Timeout\n");
        assertThat(elapsed).isBetween(READ.toMillis() * 9 / 10, READ.toMillis() * 11 / 10);
    }

    @Test
    void aTricklingRequestBodyIsCutAtTheUpstreamReadTimeout() throws Exception {
        // the upstream waits for the whole body, which comes a byte every 200 ms: nothing comes back
        try (io.tollgate.gateway.testing.RawClient client = new io.tollgate.gateway.testing.RawClient(gateway.port())) {
            client.send("POST /?user_key=k HTTP/1.1\r\nHost: " + RawGateway.HOST + "\r\nContent-Length: 100\r\n\r\n");
            long start = System.nanoTime();
            Thread dribble = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 100; i++) {
                    try {
                        Thread.sleep(200);
                        client.send("a");
                    } catch (InterruptedException | IllegalStateException e) {
                        return;
                    }
                }
            });
            io.tollgate.gateway.testing.RawClient.Answer answer = client.read();
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            dribble.interrupt();
            assertThat(answer.status()).isEqualTo(504);
            assertThat(elapsed).isBetween(READ.toMillis() * 9 / 10, READ.toMillis() * 15 / 10);
        }
    }

    @Test
    void aRefusedConnectionIs502() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        gateway.route(8, "refused.example.com", "http://127.0.0.1:" + closedPort);

        Response r = gateway.gw.get("refused.example.com", "/?user_key=k8");

        assertThat(r.status()).isEqualTo(502);
        assertThat(r.body()).isEqualTo("Bad Gateway\n");
    }

    @Test
    void aBlackholedUpstreamIs504AtTheConnectTimeout() throws IOException {
        // A listener whose accept queue is full drops further SYNs: the connect neither succeeds nor fails.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket f = new Socket();
                    try {
                        f.connect(full.getLocalSocketAddress(), 200);
                        fillers.add(f);
                    } catch (IOException queueFull) {
                        f.close();
                        break;
                    }
                }
                gateway.route(9, "blackhole.example.com", "http://127.0.0.1:" + full.getLocalPort());
                long start = System.nanoTime();

                Response r = gateway.gw.get("blackhole.example.com", "/?user_key=k9");

                long elapsed = (System.nanoTime() - start) / 1_000_000;
                assertThat(r.status()).isEqualTo(504);
                assertThat(elapsed).isBetween(450L, 1000L);
            } finally {
                for (Socket f : fillers) {
                    f.close();
                }
            }
        }
    }

    @Test
    void noUpstreamConnectionStaysOpenAfterAThousandFaults() {
        Fault[] faults = {Fault.RESET, Fault.EMPTY_RESPONSE, Fault.MALFORMED_CHUNK, Fault.RANDOM_DATA, Fault.HUGE_HEADER,
            Fault.CR_IN_HEADER};
        for (int i = 0; i < 1000; i++) {
            gateway.upstream.fault(faults[i % faults.length]);
            assertThat(get().status()).isEqualTo(502);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gateway.upstream.openConnections() == 0);
        gateway.upstream.fault(Fault.NONE);
        assertThat(get().status()).isEqualTo(200);
    }
}
