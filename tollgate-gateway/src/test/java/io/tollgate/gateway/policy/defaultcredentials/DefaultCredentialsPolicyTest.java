package io.tollgate.gateway.policy.defaultcredentials;

import static io.tollgate.gateway.testing.ProductJson.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.gateway.policy.PolicyTestBase;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultCredentialsPolicyTest extends PolicyTestBase {

    @Test
    void aRequestWithoutCredentialsIsMeteredAsTheDefaultApplication() {
        load(pets().policyFirst("default_credentials", "{\"auth_type\":\"user_key\",\"user_key\":\"good-key\"}"));

        for (int i = 0; i < 5; i++) {
            assertThat(get("/pets").status()).isEqualTo(200);
        }

        // The default application's plan allows 5 hits a minute: the sixth anonymous request is refused.
        assertThat(get("/pets").status()).isEqualTo(429);
        assertThat(gw.upstream.received()).hasSize(5);
    }

    @Test
    void credentialsTheRequestCarriesAreNeverReplacedEvenWrongOnes() {
        load(pets().policyFirst("default_credentials", "{\"auth_type\":\"user_key\",\"user_key\":\"good-key\"}"));

        var r = get("/pets?user_key=wrong");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("Authentication failed");
        assertThat(gw.upstream.received()).isEmpty();
    }

    @Test
    void credentialsInAFormBodyCountAsCarried() {
        load(pets().policyFirst("default_credentials", "{\"auth_type\":\"user_key\",\"user_key\":\"good-key\"}"));

        var r = gw.send(HttpMethod.POST, HOST, "/pets", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "user_key=wrong&name=rex");

        assertThat(r.status()).isEqualTo(403);
        assertThat(gw.upstream.received()).isEmpty();
    }

    @Test
    void appIdDefaultsForAnAppIdProduct() {
        gw.meter.backendVersion(7, "2").appIdApp(701, 7, 70, "anon-app", "anon-key").publish();
        load(pets().backendVersion("2").policyFirst("default_credentials",
                "{\"auth_type\":\"app_id_and_app_key\",\"app_id\":\"anon-app\",\"app_key\":\"anon-key\"}"));

        assertThat(get("/pets").status()).isEqualTo(200);
        assertThat(gw.upstream.only().path()).isEqualTo("/pets");
    }

    @Test
    void mustComeBeforeApicast() {
        String message = rejected(pets().chain(policy("apicast", "{}"),
                policy("default_credentials", "{\"auth_type\":\"user_key\",\"user_key\":\"k\"}")));

        assertThat(message).contains("policy_chain[1] (default_credentials): must come before apicast");
    }

    @Test
    void invalidConfigurationsNameTheField() {
        assertThat(rejected(pets().policyFirst("default_credentials", "{\"auth_type\":\"user_key\"}")))
                .contains("configuration: user_key: missing");
        assertThat(rejected(pets().policyFirst("default_credentials", "{\"auth_type\":\"token\"}")))
                .contains("auth_type: \"token\" (expected: one of user_key, app_id_and_app_key)");
        assertThat(rejected(pets().policyFirst("default_credentials",
                "{\"auth_type\":\"app_id_and_app_key\",\"app_id\":\"a\",\"app_key\":\"b\"}")))
                .contains("auth_type: \"app_id_and_app_key\" (expected: user_key: the product's backend_version is 1)");
    }
}
