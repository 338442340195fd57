package io.tollgate.gateway.policy.basicauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.gateway.policy.PolicyTestBase;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BasicAuthPolicyTest extends PolicyTestBase {
    private static final String CONFIG = "{\"username\":\"alice\",\"password\":\"s3cr:et\",\"realm\":\"Pets API\"}";

    private static Map<String, String> basic(String userPassword) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                userPassword.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void missingCredentialsGet401WithTheChallengeAndNothingReachesTheUpstream() {
        load(pets().policyFirst("basic_auth", CONFIG));

        var r = get("/pets?user_key=good-key");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Pets API\", charset=\"UTF-8\"");
        assertThat(gw.upstream.received()).isEmpty();
    }

    @Test
    void wrongPasswordWrongUserAndGarbageAreRefused() {
        load(pets().policyFirst("basic_auth", CONFIG));

        assertThat(get("/pets?user_key=good-key", basic("alice:wrong")).status()).isEqualTo(401);
        assertThat(get("/pets?user_key=good-key", basic("bob:s3cr:et")).status()).isEqualTo(401);
        assertThat(get("/pets?user_key=good-key", basic("alice:s3cr")).status()).isEqualTo(401);
        assertThat(get("/pets?user_key=good-key", Map.of("Authorization", "Basic %%%")).status()).isEqualTo(401);
        assertThat(get("/pets?user_key=good-key", Map.of("Authorization", "Bearer s3cr:et")).status()).isEqualTo(401);
        assertThat(gw.upstream.received()).isEmpty();
    }

    @Test
    void rightCredentialsProceedAndTheAuthorizationHeaderDoesNotGoUpstream() {
        load(pets().policyFirst("basic_auth", CONFIG));

        var r = get("/pets?user_key=good-key", basic("alice:s3cr:et"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(gw.upstream.only().header("Authorization")).isNull();
    }

    @Test
    void theAuthorizationHeaderGoesUpstreamWhenConfiguredSo() {
        load(pets().policyFirst("basic_auth", "{\"username\":\"alice\",\"password\":\"pw\","
                + "\"forward_authorization\":true}"));

        var r = get("/pets?user_key=good-key", basic("alice:pw"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(gw.upstream.only().header("Authorization")).isEqualTo(basic("alice:pw").get("Authorization"));
    }

    @Test
    void theDefaultRealmIsTollgate() {
        load(pets().policyFirst("basic_auth", "{\"username\":\"alice\",\"password\":\"pw\"}"));

        assertThat(get("/pets").header("WWW-Authenticate")).isEqualTo("Basic realm=\"tollgate\", charset=\"UTF-8\"");
    }

    @Test
    void invalidConfigurationsNameTheFieldAndNeverShowThePassword() {
        assertThat(rejected(pets().policyFirst("basic_auth", "{\"password\":\"pw\"}")))
                .contains("configuration: username: missing");
        assertThat(rejected(pets().policyFirst("basic_auth", "{\"username\":\"a:b\",\"password\":\"pw\"}")))
                .contains("username: contains ':'");
        assertThat(rejected(pets().policyFirst("basic_auth", "{\"username\":\"alice\"}")))
                .contains("password: missing");
        assertThat(rejected(pets().policyFirst("basic_auth", "{\"username\":\"a\",\"password\":\"hunter2\","
                + "\"realm\":\"x\\\"y\"}"))).contains("realm: contains a quote").doesNotContain("hunter2");
    }
}
