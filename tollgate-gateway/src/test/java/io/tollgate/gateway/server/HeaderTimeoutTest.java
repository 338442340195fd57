package io.tollgate.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.gateway.testing.RawClient;
import io.tollgate.gateway.testing.RawGateway;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Header and idle timeouts (reliability.md C3), with a 1 s header timeout and a 2 s idle timeout: a
 * slow head gets 408 and a closed connection, on a new connection and on a kept-alive one, however
 * the bytes trickle in; an idle keep-alive connection and one that never sent a byte are closed
 * without an answer.
 */
class HeaderTimeoutTest {
    private static final String PARTIAL = "GET /?user_key=k HTTP/1.1\r\nHost: " + RawGateway.HOST + "\r\nX-Slow: ";
    private static RawGateway gateway;

    @BeforeAll
    static void start() {
        gateway = RawGateway.start(GatewayOptions.builder().accessLog(false).headerTimeout(Duration.ofSeconds(1))
                .idleTimeout(Duration.ofSeconds(2)).build());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @org.junit.jupiter.api.BeforeEach
    void clear() {
        gateway.upstream.clear();
    }

    @Test
    void anIncompleteHeadGets408AndTheConnectionClosesAtTheHeaderTimeout() {
        try (RawClient client = new RawClient(gateway.port())) {
            long start = System.nanoTime();
            RawClient.Answer answer = client.send(PARTIAL).read();
            long elapsed = (System.nanoTime() - start) / 1_000_000;

            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(elapsed).isBetween(900L, 1600L);
            assertThat(client.closedWithin(1000)).isTrue();
        }
        assertThat(gateway.upstream.received()).isEmpty();
    }

    @Test
    void bytesTricklingInDoNotExtendTheHeaderTimeout() throws Exception {
        try (RawClient client = new RawClient(gateway.port())) {
            long start = System.nanoTime();
            client.send(PARTIAL);
            String first = null;
            for (int i = 0; i < 20 && first == null; i++) {
                Thread.sleep(200);
                try {
                    client.send("a");
                } catch (IllegalStateException closed) {
                    break;
                }
            }
            first = client.firstLineOrNull();
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            assertThat(first).isEqualTo("HTTP/1.1 408 Request Timeout");
            assertThat(elapsed).isLessThan(2500L);
        }
    }

    @Test
    void aSlowHeadOnAKeptAliveConnectionGets408Too() throws Exception {
        try (RawClient client = new RawClient(gateway.port())) {
            assertThat(client.send(PARTIAL + "no\r\n\r\n").read().status()).isEqualTo(200);
            Thread.sleep(500); // idle, within the idle timeout
            long start = System.nanoTime();
            RawClient.Answer answer = client.send(PARTIAL).read();
            long elapsed = (System.nanoTime() - start) / 1_000_000;

            assertThat(answer.status()).isEqualTo(408);
            assertThat(elapsed).as("measured from the head's first byte, not the previous request").isBetween(900L, 1600L);
            assertThat(client.closedWithin(1000)).isTrue();
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeoutWithoutAnAnswer() {
        try (RawClient client = new RawClient(gateway.port())) {
            assertThat(client.send(PARTIAL + "no\r\n\r\n").read().status()).isEqualTo(200);
            long start = System.nanoTime();
            assertThat(client.closedWithin(4000)).isTrue();
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(1800L, 3000L);
        }
    }

    @Test
    void aConnectionThatNeverSendsAByteIsClosedSilentlyAtTheHeaderTimeout() {
        try (RawClient client = new RawClient(gateway.port())) {
            long start = System.nanoTime();
            assertThat(client.closedWithin(3000)).isTrue();
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(900L, 1600L);
        }
    }

    @Test
    void aBodyStillOwedAfterTheAnswerClosesTheConnectionAtTheHeaderTimeout() {
        try (RawClient client = new RawClient(gateway.port())) {
            // refused credentials: the gateway answers 403 without 100 Continue; the client never sends the body
            RawClient.Answer answer = client.send("PUT /?user_key=wrong HTTP/1.1\r\nHost: " + RawGateway.HOST
                    + "\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n").read();
            assertThat(answer.status()).isEqualTo(403);
            long start = System.nanoTime();
            assertThat(client.closedWithin(3000)).isTrue();
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(800L, 1600L);
        }
    }

    @Test
    void aRequestWaitingForItsBodyIsCutByNeitherTimeout() {
        // the head is complete and the request in progress for longer than both timeouts
        try (RawClient client = new RawClient(gateway.port())) {
            client.send("POST /?user_key=k HTTP/1.1\r\nHost: " + RawGateway.HOST + "\r\nContent-Length: 3\r\n\r\n");
            assertThat(client.closedWithin(2500)).as("closed while the body was awaited").isFalse();
        }
    }
}
