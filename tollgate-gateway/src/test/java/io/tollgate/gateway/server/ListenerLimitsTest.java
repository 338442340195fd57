package io.tollgate.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.gateway.testing.RawClient;
import io.tollgate.gateway.testing.RawGateway;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The listener's default limits (reliability.md C2, C4): request line, header block, header count and
 * body, each refused before anything reaches the upstream.
 */
class ListenerLimitsTest {
    private static final String HEAD = "GET /?user_key=k HTTP/1.1\r\nHost: " + RawGateway.HOST + "\r\n";
    private static RawGateway gateway;

    @BeforeAll
    static void start() {
        gateway = RawGateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void clear() {
        gateway.upstream.clear();
    }

    private static void assertRefused(String payload, int status) {
        try (RawClient client = new RawClient(gateway.port())) {
            RawClient.Answer answer = client.send(payload).read();
            assertThat(answer.status()).isEqualTo(status);
            assertThat(client.closedWithin(2000)).as("connection closed").isTrue();
        }
        assertThat(gateway.upstream.received()).isEmpty();
    }

    private static int status(String payload) {
        return RawClient.exchange(gateway.port(), payload).status();
    }

    @Test
    void requestLineOfEightKibibytesPassesAndOneByteMoreIs414() {
        String prefix = "GET /?user_key=k&pad=";
        String suffix = " HTTP/1.1";
        String fits = prefix + "a".repeat(8 * 1024 - prefix.length() - suffix.length()) + suffix;
        assertThat(fits).hasSize(8 * 1024);

        assertThat(status(fits + "\r\nHost: " + RawGateway.HOST + "\r\n\r\n")).isEqualTo(200);
        gateway.upstream.clear();
        assertRefused(prefix + "a".repeat(8 * 1024 - prefix.length() - suffix.length() + 1) + suffix + "\r\nHost: "
                + RawGateway.HOST + "\r\n\r\n", 414);
    }

    @Test
    void oneHeaderLargerThanTheSixtyFourKibibyteBlockIs431() {
        assertRefused(HEAD + "X-Big: " + "a".repeat(64 * 1024) + "\r\n\r\n", 431);
    }

    @Test
    void aOneMegabyteCookieIs431() {
        assertRefused(HEAD + "Cookie: c=" + "a".repeat(1024 * 1024) + "\r\n\r\n", 431);
    }

    @Test
    void aHundredHeadersPassAndTheHundredAndFirstIs431() {
        // Host is one of them
        StringBuilder ninetyNine = new StringBuilder();
        for (int i = 0; i < 99; i++) {
            ninetyNine.append("X-H").append(i).append(": v\r\n");
        }
        assertThat(status(HEAD + ninetyNine + "\r\n")).isEqualTo(200);
        gateway.upstream.clear();
        assertRefused(HEAD + ninetyNine + "X-One-Too-Many: v\r\n\r\n", 431);
    }

    @Test
    void tenThousandTinyHeadersAre431() {
        assertRefused(HEAD + "a: b\r\n".repeat(10_000) + "\r\n", 431);
    }

    @Test
    void aDeclaredBodyOverTenMebibytesIs413BeforeTheUpstreamSeesAByte() {
        int connectionsBefore = gateway.upstream.connections();
        try (RawClient client = new RawClient(gateway.port())) {
            // only the head is sent: the answer must not wait for the body
            RawClient.Answer answer = client.send("POST /?user_key=k HTTP/1.1\r\nHost: " + RawGateway.HOST
                    + "\r\nContent-Length: " + (10L * 1024 * 1024 + 1) + "\r\n\r\n").read();
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.header("Connection")).isEqualToIgnoringCase("close");
        }
        assertThat(gateway.upstream.connections()).isEqualTo(connectionsBefore);
        assertThat(gateway.upstream.received()).isEmpty();
    }

    @Test
    void aClientThatSendsAllBeforeReadingStillGetsItsAnswerToARefusedHead() {
        // The gateway refuses at 64 KiB and stops parsing; closing at once would answer the client's
        // unread bytes with a TCP reset and fail its writes. It lingers instead, reading and dropping.
        String head = HEAD + "Cookie: c=" + "a".repeat(8 * 1024 * 1024) + "\r\n\r\n";
        for (int round = 0; round < 3; round++) {
            try (RawClient client = new RawClient(gateway.port())) {
                client.send(head);
                assertThat(client.read().status()).isEqualTo(431);
                assertThat(client.closedWithin(3000)).isTrue();
            }
        }
        assertThat(gateway.upstream.received()).isEmpty();
    }

    @Test
    void aDeclaredBodyOfExactlyTheLimitPasses() {
        int limit = 10 * 1024 * 1024;
        String head = "POST /?user_key=k HTTP/1.1\r\nHost: " + RawGateway.HOST + "\r\nContent-Length: " + limit + "\r\n\r\n";
        try (RawClient client = new RawClient(gateway.port())) {
            client.send(head).send(new byte[limit]);
            assertThat(client.read().status()).isEqualTo(200);
        }
        assertThat(gateway.upstream.received()).singleElement().satisfies(r -> assertThat(r.body()).hasSize(limit));
    }

    @Test
    void expectContinueOverTheLimitGets413AndNo100() {
        int connectionsBefore = gateway.upstream.connections();
        try (RawClient client = new RawClient(gateway.port())) {
            client.send("PUT /?user_key=k HTTP/1.1\r\nHost: " + RawGateway.HOST + "\r\nExpect: 100-continue\r\n"
                    + "Content-Length: " + (20L * 1024 * 1024) + "\r\n\r\n");
            assertThat(client.firstLineOrNull()).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
        }
        assertThat(gateway.upstream.connections()).isEqualTo(connectionsBefore);
    }

    @Test
    void expectContinueWithinTheLimitGets100ThenTheUpstreamAnswer() {
        try (RawClient client = new RawClient(gateway.port())) {
            client.send("PUT /?user_key=k HTTP/1.1\r\nHost: " + RawGateway.HOST + "\r\nExpect: 100-continue\r\n"
                    + "Content-Length: 5\r\n\r\n");
            assertThat(client.firstLineOrNull()).isEqualTo("HTTP/1.1 100 Continue");
            client.send("hello");
            assertThat(client.read().status()).isEqualTo(200);
        }
        assertThat(gateway.upstream.received()).singleElement()
                .satisfies(r -> assertThat(new String(r.body())).isEqualTo("hello"));
    }

    @Test
    void aChunkedBodyIsCutAtTheLimitWith413() {
        int limit = 10 * 1024 * 1024;
        byte[] chunk = new byte[1024 * 1024];
        try (RawClient client = new RawClient(gateway.port())) {
            client.send("POST /?user_key=k HTTP/1.1\r\nHost: " + RawGateway.HOST + "\r\nTransfer-Encoding: chunked\r\n\r\n");
            RawClient.Answer answer = null;
            try {
                for (int i = 0; i <= limit / chunk.length; i++) {
                    client.send("100000\r\n").send(chunk).send("\r\n");
                }
                client.send("0\r\n\r\n");
            } catch (IllegalStateException closedWhileSending) {
                // the gateway may close before all of it is written: that is the point
            }
            answer = client.read();
            assertThat(answer.status()).isEqualTo(413);
        }
        // the upstream got a cut request, never a complete one
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3))
                .until(() -> gateway.upstream.received().isEmpty());
    }

    @Test
    void badOptionsNameTheFieldAndTheExpectation() {
        assertThatThrownBy(() -> GatewayOptions.builder().maxBodyBytes(-1).build())
                .hasMessage("maxBodyBytes: -1 (expected: >= 0)");
        assertThatThrownBy(() -> GatewayOptions.builder().maxHeaders(0).build())
                .hasMessage("maxHeaders: 0 (expected: >= 1)");
        assertThatThrownBy(() -> GatewayOptions.builder().headerTimeout(Duration.ZERO).build())
                .hasMessage("headerTimeout: PT0S (expected: > 0)");
        assertThatThrownBy(() -> GatewayOptions.builder().http2MaxConcurrentStreams(0).build())
                .hasMessage("http2MaxConcurrentStreams: 0 (expected: >= 1)");
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        GatewayOptions o = GatewayOptions.defaults();
        assertThat(o.maxRequestLineBytes()).isEqualTo(8192);
        assertThat(o.maxHeaderBytes()).isEqualTo(65536);
        assertThat(o.maxHeaders()).isEqualTo(100);
        assertThat(o.maxBodyBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(o.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.upstreamConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.upstreamReadTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.http2MaxConcurrentStreams()).isEqualTo(100);
        assertThat(o.http2MaxResetsPerWindow()).isEqualTo(200);
        assertThat(o.http2ResetWindow()).isEqualTo(Duration.ofSeconds(30));
    }
}
