package io.tollgate.gateway.policy.cors;

import static io.tollgate.gateway.testing.ProductJson.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.gateway.policy.PolicyTestBase;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorsPolicyTest extends PolicyTestBase {
    private static final Map<String, String> PREFLIGHT = Map.of("Origin", "https://app.example.com",
            "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "X-Api-Key");

    @Test
    void aPreflightIsAnsweredByTheGatewayWithoutCredentials() {
        load(pets().policyFirst("cors", "{}"));

        var r = gw.send(HttpMethod.OPTIONS, HOST, "/pets", PREFLIGHT, null);

        assertThat(r.status()).isEqualTo(204);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(r.header("Access-Control-Allow-Methods")).isEqualTo("PUT");
        assertThat(r.header("Access-Control-Allow-Headers")).isEqualTo("X-Api-Key");
        assertThat(r.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(r.header("Access-Control-Max-Age")).isEqualTo("600");
        assertThat(r.header("Vary")).isEqualTo("Origin");
        assertThat(gw.upstream.received()).isEmpty();
    }

    @Test
    void actualResponsesCarryTheConfiguredHeaders() {
        load(pets().policyFirst("cors", "{\"allow_headers\":[\"X-Api-Key\",\"Content-Type\"],"
                + "\"allow_methods\":[\"GET\",\"POST\"],\"allow_origin\":\"https://app.example.com\","
                + "\"allow_credentials\":false,\"max_age\":60}"));

        var r = get("/pets?user_key=good-key", Map.of("Origin", "https://other.example.com"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(r.header("Access-Control-Allow-Methods")).isEqualTo("GET, POST");
        assertThat(r.header("Access-Control-Allow-Headers")).isEqualTo("X-Api-Key, Content-Type");
        assertThat(r.header("Access-Control-Allow-Credentials")).isEqualTo("false");
        assertThat(r.header("Access-Control-Max-Age")).isEqualTo("60");
        assertThat(gw.upstream.received()).hasSize(1);
    }

    @Test
    void aRegularExpressionOriginIsEchoedOnlyWhenItMatches() {
        load(pets().policyFirst("cors", "{\"allow_origin\":\"^https://(api|web)\\\\.test\\\\.com$\"}"));

        var allowed = get("/pets?user_key=good-key", Map.of("Origin", "https://web.test.com"));
        var refused = get("/pets?user_key=good-key", Map.of("Origin", "https://web.test.com.evil.io"));

        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://web.test.com");
        assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void noOriginNoCorsHeadersAndOptionsWithoutPreflightHeadersIsNotAPreflight() {
        load(pets().policyFirst("cors", "{}"));

        assertThat(get("/pets?user_key=good-key").header("Access-Control-Allow-Origin")).isNull();
        var options = gw.send(HttpMethod.OPTIONS, HOST, "/pets", Map.of("Origin", "https://a.example"), null);
        assertThat(options.status()).isEqualTo(403); // an ordinary OPTIONS meets apicast: no credentials
    }

    @Test
    void gatewayErrorsCarryCorsHeadersSoBrowsersCanReadThem() {
        load(pets().policyFirst("cors", "{}"));

        var r = get("/pets", Map.of("Origin", "https://app.example.com"));

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
    }

    @Test
    void mustComeBeforeApicastAndInvalidFieldsAreNamed() {
        assertThat(rejected(pets().chain(policy("apicast", "{}"), policy("cors", "{}"))))
                .contains("policy_chain[1] (cors): must come before apicast");
        assertThat(rejected(pets().policyFirst("cors", "{\"allow_methods\":[\"FETCH\"]}")))
                .contains("allow_methods[0]: \"FETCH\" (expected: one of GET");
        assertThat(rejected(pets().policyFirst("cors", "{\"allow_origin\":\"(unclosed\"}")))
                .contains("allow_origin: \"(unclosed\"");
        assertThat(rejected(pets().policyFirst("cors", "{\"max_age\":-1}")))
                .contains("max_age: -1 (expected: >= 0)");
    }
}
