package io.tollgate.gateway.server;

import static io.tollgate.gateway.testing.ProductJson.product;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.gateway.testing.GatewayHarness;
import io.tollgate.gateway.testing.H2FrameClient;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP/2 in clear text (reliability.md C6): h2c by prior knowledge and by upgrade, proxied to an
 * HTTP/1.1 upstream; 100 concurrent streams per connection and the 101st refused; a rapid-reset
 * flood answered with GOAWAY ENHANCE_YOUR_CALM.
 */
class Http2Test {
    private static final String HOST = "h2.example.com";
    private GatewayHarness gw;

    @BeforeEach
    void start() {
        // pool above 100, so that every accepted stream reaches the upstream at once
        gw = GatewayHarness.start(GatewayOptions.builder().accessLog(false).upstreamPoolSize(128).build());
        gw.meter.service(7).plan(70, 7).userKeyApp(700, 7, 70, "k").publish();
        gw.load(product(7, HOST).apiBackend(gw.upstream.url()).rule("GET", "/", "hits"));
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private HttpClientResponse get(boolean upgrade) {
        HttpClient client = gw.vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(upgrade));
        try {
            return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(gw.port())
                    .setURI("/pets?user_key=k"))
                    .compose(r -> r.authority(HostAndPort.authority(HOST)).send()
                            .compose(resp -> resp.body().map(b -> resp)))
                    .await();
        } finally {
            client.close();
        }
    }

    @Test
    void h2cWithPriorKnowledgeReachesAnHttp11Upstream() {
        HttpClientResponse r = get(false);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(HttpVersion.HTTP_2);
        assertThat(gw.upstream.only().version()).isEqualTo("HTTP_1_1");
        assertThat(gw.upstream.only().header("Host")).isEqualTo(HOST);
    }

    @Test
    void h2cByUpgradeReachesAnHttp11Upstream() {
        HttpClientResponse r = get(true);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(HttpVersion.HTTP_2);
        assertThat(gw.upstream.only().version()).isEqualTo("HTTP_1_1");
    }

    @Test
    void aHundredStreamsRunAtOnceAndTheHundredAndFirstIsRefused() throws Exception {
        gw.upstream.answer(request -> { }); // the upstream never answers: streams stay open
        try (H2FrameClient h2 = new H2FrameClient(gw.port())) {
            for (int i = 0; i < 101; i++) {
                h2.get(1 + 2 * i, HOST, "/slow?user_key=k");
            }
            h2.flush();
            List<H2FrameClient.Frame> resets = new ArrayList<>();
            for (H2FrameClient.Frame f = h2.read(); f != null; f = h2.read()) {
                if (f.type() == H2FrameClient.RST_STREAM) {
                    resets.add(f);
                }
                if (f.type() == H2FrameClient.GOAWAY) {
                    break;
                }
                if (!resets.isEmpty() && gw.upstream.received().size() == 100) {
                    break;
                }
            }
            assertThat(resets).singleElement().satisfies(f -> {
                assertThat(f.stream()).isEqualTo(201);
                assertThat(f.errorCode()).isEqualTo(H2FrameClient.REFUSED_STREAM);
            });
            org.awaitility.Awaitility.await().until(() -> gw.upstream.received().size() == 100);
        }
    }

    @Test
    void anEndlessHeaderBlockIsCutWithGoAwayLongBeforeItEnds() throws Exception {
        try (H2FrameClient h2 = new H2FrameClient(gw.port())) {
            h2.endlessHeaders(1, HOST, 16 * 1024, 2 * 1024 * 1024);
            H2FrameClient.Frame goAway = null;
            for (H2FrameClient.Frame f = h2.read(); f != null; f = h2.read()) {
                if (f.type() == H2FrameClient.GOAWAY) {
                    goAway = f;
                    break;
                }
            }
            assertThat(goAway).as("GOAWAY for a header list past the limit").isNotNull();
            assertThat(goAway.errorCode()).isNotZero();
        }
        assertThat(gw.upstream.received()).isEmpty();
    }

    @Test
    void aRapidResetFloodGetsGoAwayEnhanceYourCalm() throws Exception {
        gw.upstream.answer(request -> { });
        try (H2FrameClient h2 = new H2FrameClient(gw.port())) {
            H2FrameClient.Frame goAway = null;
            try {
                for (int i = 0; i < 300; i++) {
                    int stream = 1 + 2 * i;
                    h2.get(stream, HOST, "/?user_key=k");
                    h2.reset(stream, H2FrameClient.CANCEL);
                }
                h2.flush();
            } catch (java.io.IOException closedMidFlood) {
                // the server may close before the flood is written: expected
            }
            for (H2FrameClient.Frame f = h2.read(); f != null; f = h2.read()) {
                if (f.type() == H2FrameClient.GOAWAY) {
                    goAway = f;
                    break;
                }
            }
            assertThat(goAway).isNotNull();
            assertThat(goAway.errorCode()).isEqualTo(H2FrameClient.ENHANCE_YOUR_CALM);
        }
    }
}
