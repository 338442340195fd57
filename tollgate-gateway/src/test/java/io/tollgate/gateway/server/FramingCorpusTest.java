package io.tollgate.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.gateway.testing.RawClient;
import io.tollgate.gateway.testing.RawGateway;
import io.tollgate.gateway.testing.RawUpstream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The framing corpus (reliability.md C1) over a raw socket, through the gateway, to a raw upstream
 * that frames what it gets itself: an ambiguous request is refused and its connection closed, and
 * the upstream sees nothing; an acceptable one reaches it as exactly one request with its body.
 */
class FramingCorpusTest {
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

    static List<FramingCorpus.Case> corpus() {
        return FramingCorpus.cases();
    }

    @Test
    void theCorpusHasAtLeastThirtyPayloads() {
        assertThat(FramingCorpus.cases()).hasSizeGreaterThanOrEqualTo(30);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachPayloadGetsItsStatusAndTheUpstreamSeesAtMostOneRequest(FramingCorpus.Case c) {
        try (RawClient client = new RawClient(gateway.port())) {
            RawClient.Answer answer = client.send(c.payload()).read();

            assertThat(answer.status()).as(c.name()).isEqualTo(c.status());
            assertThat(answer.head()).as(c.name()).startsWith("HTTP/1.1 ");
            if (!c.accepted()) {
                assertThat(answer.header("Connection")).as(c.name()).isEqualToIgnoringCase("close");
                assertThat(client.closedWithin(2000)).as(c.name() + ": connection closed").isTrue();
            }
        }
        if (c.upstream() == 1) {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !gateway.upstream.received().isEmpty());
        } else {
            // give a request that should not have been forwarded the time to arrive anyway
            sleep(100);
        }
        List<RawUpstream.Received> seen = gateway.upstream.received();
        assertThat(seen).as(c.name()).hasSize(c.upstream());
        if (c.upstream() == 1 && c.body() != null) {
            assertThat(new String(seen.get(0).body(), StandardCharsets.ISO_8859_1)).as(c.name()).isEqualTo(c.body());
        }
    }

    @Test
    void pipelinedRequestsAreEachCheckedAndTheUpstreamNeverSeesMoreThanWereSent() {
        String two = FramingCorpus.GET + "\r\n" + FramingCorpus.POST + "Content-Length: 5\r\n\r\nhello";
        String thenBad = FramingCorpus.GET + "\r\n" + FramingCorpus.POST
                + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n" + FramingCorpus.CHUNKED_HELLO;
        try (RawClient client = new RawClient(gateway.port())) {
            client.send(two);
            assertThat(client.read().status()).isEqualTo(200);
            assertThat(client.read().status()).isEqualTo(200);
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> gateway.upstream.received().size() == 2);
        gateway.upstream.clear();
        try (RawClient client = new RawClient(gateway.port())) {
            client.send(thenBad);
            assertThat(client.read().status()).isEqualTo(200);
            assertThat(client.read().status()).isEqualTo(400);
            assertThat(client.closedWithin(2000)).isTrue();
        }
        sleep(100);
        assertThat(gateway.upstream.received()).hasSize(1);
    }

    @Test
    void aKeptAliveConnectionServesTheNextRequestAfterAGoodOne() {
        try (RawClient client = new RawClient(gateway.port())) {
            assertThat(client.send(FramingCorpus.GET + "\r\n").read().status()).isEqualTo(200);
            assertThat(client.send(FramingCorpus.POST + "Transfer-Encoding: chunked\r\n\r\n" + FramingCorpus.CHUNKED_HELLO)
                    .read().status()).isEqualTo(200);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
