package io.tollgate.gateway.server;

import static io.tollgate.gateway.testing.ProductJson.product;
import static io.tollgate.gateway.testing.TestMeter.hitsId;
import static io.tollgate.gateway.testing.TestMeter.limit;
import static io.tollgate.gateway.testing.TestMeter.metricId;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.gateway.testing.GatewayHarness;
import io.tollgate.gateway.testing.GatewayHarness.Response;
import io.tollgate.gateway.testing.ProductJson;
import io.tollgate.meter.Period;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request path end to end: host routing, credentials, rules, metering, gateway responses, upstream. */
class GatewayRequestPathTest {
    private GatewayHarness gw;

    @BeforeEach
    void start() {
        gw = GatewayHarness.start();
        gw.meter.service(7, "list_pets", "create_pet")
                .plan(70, 7, limit(hitsId(7), Period.MINUTE, 3))
                .userKeyApp(700, 7, 70, "good-key")
                .publish();
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private ProductJson pets() {
        return product(7, "pets.example.com").apiBackend(gw.upstream.url())
                .rule("GET", "/pets", "list_pets")
                .rule("POST", "/pets", "create_pet");
    }

    @Test
    void authorizedRequestReachesTheUpstreamAndItsAnswerReachesTheClient() {
        gw.load(pets());

        Response r = gw.get("pets.example.com", "/pets?user_key=good-key&page=2");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"upstream\":\"ok\",\"path\":\"/pets\"}");
        assertThat(gw.upstream.only().uri()).isEqualTo("/pets?user_key=good-key&page=2");
        assertThat(gw.upstream.only().header("Host")).isEqualTo("pets.example.com");
    }

    @Test
    void hostMatchIgnoresCaseAndPort() {
        gw.load(pets());

        assertThat(gw.get("PETS.Example.COM:8080", "/pets?user_key=good-key").status()).isEqualTo(200);
    }

    @Test
    void unknownHostIs404WithAnEmptyBodyAndNeverReachesAnUpstream() {
        gw.load(pets());

        Response r = gw.get("nobody.example.com", "/pets?user_key=good-key");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).isEmpty();
        assertThat(gw.upstream.received()).isEmpty();
    }

    @Test
    void missingCredentialsGetAuthMissingEvenOnAnUnmappedPath() {
        gw.load(pets());

        Response r = gw.get("pets.example.com", "/unmapped");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("Authentication parameters missing");
        assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=us-ascii");
        assertThat(gw.upstream.received()).isEmpty();
    }

    @Test
    void unknownUserKeyGetsAuthFailed() {
        gw.load(pets());

        Response r = gw.get("pets.example.com", "/pets?user_key=wrong");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("Authentication failed");
        assertThat(gw.upstream.received()).isEmpty();
    }

    @Test
    void noMatchingRuleGetsNoMatch() {
        gw.load(pets());

        Response r = gw.get("pets.example.com", "/orders?user_key=good-key");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("No Mapping Rule matched");
        assertThat(gw.upstream.received()).isEmpty();
    }

    @Test
    void limitsExceededGets429WithRetryAfterUntilTheWindowEnds() {
        gw.load(pets());
        for (int i = 0; i < 3; i++) {
            assertThat(gw.get("pets.example.com", "/pets?user_key=good-key").status()).isEqualTo(200);
        }

        Response r = gw.get("pets.example.com", "/pets?user_key=good-key");

        assertThat(r.status()).isEqualTo(429);
        assertThat(r.body()).isEqualTo("Usage limit exceeded");
        // The clock is at 10:15:30; the minute window ends at 10:16:00.
        assertThat(r.header("Retry-After")).isEqualTo("30");
        assertThat(gw.upstream.received()).hasSize(3);
    }

    @Test
    void gatewayResponsesAreTheProductsOwn() {
        gw.load(pets().proxy("error_auth_missing", "{\"error\":\"who are you\"}")
                .proxy("error_status_auth_missing", 401).proxy("error_headers_auth_missing", "application/json"));

        Response r = gw.get("pets.example.com", "/pets");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("{\"error\":\"who are you\"}");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void secretTokenAndHostRewriteAreWhatTheUpstreamSees() {
        gw.load(pets().proxy("secret_token", "s3cret").proxy("hostname_rewrite", "internal.pets"));

        gw.send(HttpMethod.GET, "pets.example.com", "/pets?user_key=good-key",
                Map.of("X-3scale-proxy-secret-token", "forged"), null);

        assertThat(gw.upstream.only().header("X-3scale-proxy-secret-token")).isEqualTo("s3cret");
        assertThat(gw.upstream.only().header("Host")).isEqualTo("internal.pets");
    }

    @Test
    void clientForwardingHeadersAreReplacedAndHopByHopHeadersRemoved() {
        gw.load(pets());

        gw.send(HttpMethod.GET, "pets.example.com", "/pets?user_key=good-key",
                Map.of("X-Forwarded-For", "6.6.6.6", "X-Real-IP", "6.6.6.6", "Connection", "keep-alive, X-Secret-Hop",
                        "X-Secret-Hop", "hop", "Keep-Alive", "timeout=5", "X-Kept", "yes"), null);

        var received = gw.upstream.only();
        assertThat(received.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(received.header("X-Real-IP")).isEqualTo("127.0.0.1");
        assertThat(received.header("X-Forwarded-Host")).isEqualTo("pets.example.com");
        assertThat(received.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(received.header("X-Secret-Hop")).isNull();
        assertThat(received.header("Keep-Alive")).isNull();
        assertThat(received.header("X-Kept")).isEqualTo("yes");
    }

    @Test
    void debugHeadersOnlyWithTheServiceToken() {
        gw.load(pets());

        Response without = gw.send(HttpMethod.GET, "pets.example.com", "/pets?user_key=good-key",
                Map.of("X-3scale-debug", "not-the-token"), null);
        Response with = gw.send(HttpMethod.GET, "pets.example.com", "/pets?user_key=good-key",
                Map.of("X-3scale-debug", "st-7"), null);

        assertThat(without.header("X-3scale-matched-rules")).isNull();
        assertThat(with.header("X-3scale-matched-rules")).isEqualTo("/pets");
        assertThat(with.header("X-3scale-credentials")).isEqualTo("user_key=good-key");
        assertThat(with.header("X-3scale-usage")).isEqualTo("usage%5Blist_pets%5D=1");
        assertThat(with.header("X-3scale-service-id")).isEqualTo("7");
        assertThat(with.header("X-3scale-service-name")).isEqualTo("Product 7");
        assertThat(with.header("X-3scale-hostname")).isNotBlank();
        assertThat(gw.upstream.received()).allSatisfy(r -> assertThat(r.header("X-3scale-debug")).isNull());
    }

    @Test
    void usageOfTheMatchedMethodCountsOnHits() {
        gw.load(pets());

        gw.get("pets.example.com", "/pets?user_key=good-key");
        gw.send(HttpMethod.POST, "pets.example.com", "/pets?user_key=good-key", Map.of(), "{}");
        gw.get("pets.example.com", "/pets?user_key=good-key");

        // The plan allows 3 hits a minute; list_pets and create_pet both count on hits.
        assertThat(gw.get("pets.example.com", "/pets?user_key=good-key").status()).isEqualTo(429);
        assertThat(gw.upstream.received()).extracting(r -> r.method()).containsExactly("GET", "POST", "GET");
        assertThat(gw.upstream.received().get(1).body().toString()).isEqualTo("{}");
    }

    @Test
    void anUnknownMetricIsNoMatch() {
        gw.load(pets().rule("GET", "/ghost", "ghost_metric"));

        assertThat(gw.get("pets.example.com", "/ghost?user_key=good-key").status()).isEqualTo(404);
    }

    @Test
    void suspendedApplicationGetsAuthFailed() {
        gw.load(pets());
        gw.meter.suspend(700).publish();

        assertThat(gw.get("pets.example.com", "/pets?user_key=good-key").body()).isEqualTo("Authentication failed");
    }

    @Test
    void metricIdsAreTheMetersOwn() {
        assertThat(metricId(7, 2)).isEqualTo(702);
    }
}
