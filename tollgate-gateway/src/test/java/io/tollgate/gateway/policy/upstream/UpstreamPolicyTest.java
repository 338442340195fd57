package io.tollgate.gateway.policy.upstream;

import static io.tollgate.gateway.testing.ProductJson.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.gateway.policy.PolicyTestBase;
import io.tollgate.gateway.testing.FakeUpstream;
import org.junit.jupiter.api.Test;

class UpstreamPolicyTest extends PolicyTestBase {

    @Test
    void theFirstMatchingRuleSetsTheUpstreamPrefixesItsPathAndSetsItsHost() {
        try (FakeUpstream other = FakeUpstream.start(gw.vertx)) {
            load(pets().policyFirst("upstream", "{\"rules\":["
                    + "{\"regex\":\"^/nomatch\",\"url\":\"http://127.0.0.1:1\"},"
                    + "{\"regex\":\"^/pets\",\"url\":\"" + other.url() + "/api\"},"
                    + "{\"regex\":\"/\",\"url\":\"http://127.0.0.1:1\"}]}"));

            assertThat(get("/pets/1?user_key=good-key").status()).isEqualTo(200);

            assertThat(other.only().uri()).isEqualTo("/api/pets/1?user_key=good-key");
            assertThat(other.only().header("Host")).isEqualTo("127.0.0.1:" + other.port());
            assertThat(gw.upstream.received()).isEmpty();
        }
    }

    @Test
    void noMatchingRuleKeepsTheDefaultUpstream() {
        load(pets().policyFirst("upstream", "{\"rules\":[{\"regex\":\"^/other\",\"url\":\"http://127.0.0.1:1\"}]}"));

        assertThat(get("/pets?user_key=good-key").status()).isEqualTo(200);
        assertThat(gw.upstream.only().path()).isEqualTo("/pets");
    }

    @Test
    void anUpstreamPolicyBeforeRoutingWinsOverTheBackendRouting() {
        try (FakeUpstream other = FakeUpstream.start(gw.vertx)) {
            load(pets().apiBackend(null).chain(
                    policy("upstream", "{\"rules\":[{\"regex\":\"^/pets\",\"url\":\"" + other.url() + "\"}]}"),
                    policy("routing", "{\"rules\":[{\"url\":\"" + gw.upstream.url() + "\",\"condition\":{"
                            + "\"operations\":[{\"match\":\"path\",\"op\":\"matches\",\"value\":\"^(/.*|/?)\"}]}}]}"),
                    policy("apicast", "{}")));

            assertThat(get("/pets?user_key=good-key").status()).isEqualTo(200);
            assertThat(get("/cats?user_key=good-key").status()).isEqualTo(200);

            assertThat(other.only().path()).isEqualTo("/pets");
            assertThat(gw.upstream.only().path()).isEqualTo("/cats");
        }
    }

    @Test
    void invalidConfigurationsNameTheField() {
        assertThat(rejected(pets().policyFirst("upstream", "{\"rules\":[{\"regex\":\"[\",\"url\":\"http://a\"}]}")))
                .contains("configuration: rules[0].regex: \"[\"");
        assertThat(rejected(pets().policyFirst("upstream", "{\"rules\":[{\"regex\":\"/\",\"url\":\"ftp://a\"}]}")))
                .contains("rules[0].url: \"ftp://a\" (expected: an http or https URL)");
        assertThat(rejected(pets().policyFirst("upstream", "{\"rules\":[{\"url\":\"http://a\"}]}")))
                .contains("rules[0].regex: missing");
    }
}
