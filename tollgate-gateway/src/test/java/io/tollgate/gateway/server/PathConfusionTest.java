package io.tollgate.gateway.server;

import static io.tollgate.gateway.testing.ProductJson.product;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.gateway.http.PathNormalizer.EscapedSlashes;
import io.tollgate.gateway.testing.GatewayHarness;
import io.tollgate.gateway.testing.GatewayHarness.Response;
import io.tollgate.gateway.testing.RawClient;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Path confusion and function-level authorization end to end (reliability.md C8): the rules, the
 * routing policy and the upstream all see one normalized path; a path that cannot be normalized is
 * 400 and a method no rule maps is 404, neither ever proxied.
 */
class PathConfusionTest {
    private static final String HOST = "pets.example.com";
    private GatewayHarness gw;

    private void start(GatewayOptions options) {
        if (gw != null) {
            gw.close();
        }
        gw = GatewayHarness.start(options);
        gw.meter.service(7).plan(70, 7).userKeyApp(700, 7, 70, "k").publish();
        gw.load(product(7, HOST).apiBackend(gw.upstream.url()).rule("GET", "/api", "hits").rule("POST", "/admin", "hits"));
    }

    private void start() {
        start(GatewayOptions.builder().accessLog(false).build());
    }

    @org.junit.jupiter.api.BeforeEach
    void startDefault() {
        start();
    }

    @AfterEach
    void stop() {
        gw.close();
        gw = null;
    }

    private Response get(String path) {
        return gw.send(HttpMethod.GET, HOST, path + "?user_key=k", Map.of("X-3scale-debug", "st-7"), null);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"/admin/../api, /api", "/%2e%2e/api, /api", "/x/%2E%2E/api/v1, /api/v1", "//api, /api",
        "/api/./v1, /api/v1", "/%61pi, /api", "/api;jsessionid=1, /api;jsessionid=1"})
    void rulesAndTheUpstreamSeeTheSameNormalizedPath(String raw, String normal) {
        Response r = get(raw);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-3scale-matched-rules")).isEqualTo("/api");
        assertThat(gw.upstream.only().path()).isEqualTo(normal);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/api%2Fadmin", "/..;/admin", "/api/%00", "/%c0%ae%c0%ae/admin", "/api%zz"})
    void anAbnormalPathIs400AndNeverProxied(String raw) {
        assertThat(get(raw).status()).isEqualTo(400);
        assertThat(gw.upstream.received()).isEmpty();
    }

    @Test
    void aNonAsciiRequestTargetSentRawIs400() {
        RawClient.Answer answer = RawClient.exchange(gw.port(), "GET /caf\u00e9?user_key=k HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(gw.upstream.received()).isEmpty();
    }

    @Test
    void escapedSlashesDecodedWhenConfiguredReachTheUpstreamDecoded() {
        start(GatewayOptions.builder().accessLog(false).escapedSlashes(EscapedSlashes.DECODE).build());

        assertThat(get("/api%2Fv1").status()).isEqualTo(200);
        assertThat(gw.upstream.only().path()).isEqualTo("/api/v1");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"TRACE, /admin", "PROPFIND, /api", "DELETE, /api", "GET, /admin", "POST, /ADMIN", "GET, /API"})
    void aMethodOrCaseNoRuleMapsIs404AndNeverProxied(String method, String path) {
        Response r = gw.send(HttpMethod.valueOf(method), HOST, path + "?user_key=k", Map.of(), null);

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("No Mapping Rule matched");
        assertThat(gw.upstream.received()).isEmpty();
    }

    @Test
    void theRoutingPolicyRoutesOnTheNormalizedPath() {
        gw.load(product(7, HOST).rule("GET", "/v1/pets", "hits").policyFirst("routing", "{\"rules\":[{\"url\":\""
                + gw.upstream.url() + "/backend\",\"condition\":{\"operations\":[{\"match\":\"path\",\"op\":\"matches\","
                + "\"value\":\"^(/v1/.*|/v1/?)\"}]},\"replace_path\":\"{{uri | remove_first: '/v1'}}\"}]}"));

        assertThat(get("/x/../v1/./pets").status()).isEqualTo(200);
        assertThat(gw.upstream.only().path()).isEqualTo("/backend/pets");
    }
}
