package io.tollgate.gateway.policy.ratelimit;

import static io.tollgate.gateway.testing.ProductJson.product;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.gateway.policy.PolicyTestBase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** rate_limit end to end with the in-memory counters and the harness's clock. */
class RateLimitPolicyTest extends PolicyTestBase {

    private static String fixed(String name, String nameType, int count, int window) {
        return "{\"key\":{\"name\":\"" + name + "\",\"name_type\":\"" + nameType + "\"},\"count\":" + count
                + ",\"window\":" + window + "}";
    }

    @Test
    void aFixedWindowRefusesWith429AndRetryAfterUntilItEnds() {
        load(pets().policyFirst("rate_limit", "{\"fixed_window_limiters\":[" + fixed("all", "plain", 2, 60) + "]}"));

        assertThat(get("/pets?user_key=good-key").status()).isEqualTo(200);
        assertThat(get("/pets?user_key=good-key").status()).isEqualTo(200);
        var refused = get("/pets?user_key=good-key");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).isEqualTo("Too Many Requests\n");
        // The harness clock is at 10:15:30: the minute window (aligned on the epoch) ends in 30 s.
        assertThat(refused.header("Retry-After")).isEqualTo("30");
        assertThat(gw.upstream.received()).hasSize(2);

        gw.clock.advance(Duration.ofSeconds(30));
        assertThat(get("/pets?user_key=good-key").status()).isEqualTo(200);
    }

    @Test
    void liquidKeysCountEachClientApart() {
        load(pets().policyFirst("rate_limit", "{\"fixed_window_limiters\":["
                + fixed("{{ headers.X-Api-Client }}", "liquid", 1, 60) + "]}"));

        assertThat(get("/pets?user_key=good-key", Map.of("X-Api-Client", "a")).status()).isEqualTo(200);
        assertThat(get("/pets?user_key=good-key", Map.of("X-Api-Client", "b")).status()).isEqualTo(200);
        assertThat(get("/pets?user_key=good-key", Map.of("X-Api-Client", "a")).status()).isEqualTo(429);
    }

    @Test
    void serviceScopedKeysAreCountedPerProductAndGlobalOnesAcrossProducts() {
        String chain = "{\"fixed_window_limiters\":[" + fixed("shared-name", "plain", 1, 60) + ","
                + "{\"key\":{\"name\":\"everyone\",\"scope\":\"global\"},\"count\":3,\"window\":60}]}";
        gw.meter.service(8).plan(80, 8).userKeyApp(800, 8, 80, "cat-key").publish();
        var cats = product(8, "cats.example.com").apiBackend(gw.upstream.url()).rule("GET", "/", "hits")
                .policyFirst("rate_limit", chain);
        assertThat(gw.load(pets().policyFirst("rate_limit", chain), cats).rejected()).isEmpty();

        assertThat(get("/pets?user_key=good-key").status()).isEqualTo(200);
        assertThat(gw.get("cats.example.com", "/cats?user_key=cat-key").status()).isEqualTo(200);
        assertThat(get("/pets?user_key=good-key").status()).isEqualTo(429); // shared-name, per product
        // global "everyone": 2 counted so far (refused requests count in no limiter)
        gw.clock.advance(Duration.ofSeconds(60));
        assertThat(get("/pets?user_key=good-key").status()).isEqualTo(200);
        assertThat(gw.get("cats.example.com", "/cats?user_key=cat-key").status()).isEqualTo(200);
        assertThat(gw.get("cats.example.com", "/x?user_key=cat-key").status()).isEqualTo(429);
    }

    @Test
    void conditionsChooseWhichLimitersApply() {
        load(pets().policyFirst("rate_limit", "{\"fixed_window_limiters\":[{\"key\":{\"name\":\"orders\"},"
                + "\"count\":1,\"window\":60,\"condition\":{\"combine_op\":\"and\",\"operations\":["
                + "{\"left\":\"{{ uri }}\",\"left_type\":\"liquid\",\"op\":\"matches\",\"right\":\"^/orders\"},"
                + "{\"left\":\"{{ http_method }}\",\"left_type\":\"liquid\",\"op\":\"==\",\"right\":\"GET\"}]}}]}"));

        assertThat(get("/orders/1?user_key=good-key").status()).isEqualTo(200);
        assertThat(get("/orders/2?user_key=good-key").status()).isEqualTo(429);
        assertThat(get("/pets?user_key=good-key").status()).isEqualTo(200); // the condition does not hold
    }

    @Test
    void logModeLetsRequestsOverTheLimitThroughAndStatusIsConfigurable() {
        load(pets().policyFirst("rate_limit", "{\"fixed_window_limiters\":[" + fixed("l", "plain", 1, 60) + "],"
                + "\"limits_exceeded_error\":{\"error_handling\":\"log\"}}"));
        assertThat(get("/pets?user_key=good-key").status()).isEqualTo(200);
        assertThat(get("/pets?user_key=good-key").status()).isEqualTo(200);

        load(pets().policyFirst("rate_limit", "{\"fixed_window_limiters\":[" + fixed("s", "plain", 1, 60) + "],"
                + "\"limits_exceeded_error\":{\"status_code\":503}}"));
        assertThat(get("/pets?user_key=good-key").status()).isEqualTo(200);
        var refused = get("/pets?user_key=good-key");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isNull();
    }

    @Test
    void countersSurviveANewConfigurationVersion() {
        load(pets().policyFirst("rate_limit", "{\"fixed_window_limiters\":[" + fixed("kept", "plain", 1, 60) + "]}"));
        assertThat(get("/pets?user_key=good-key").status()).isEqualTo(200);

        load(pets().proxy("secret_token", "changed").policyFirst("rate_limit",
                "{\"fixed_window_limiters\":[" + fixed("kept", "plain", 1, 60) + "]}"));

        assertThat(get("/pets?user_key=good-key").status()).isEqualTo(429);
    }

    @Test
    void aLeakyBucketDelaysTheRequestsOfABurst() {
        load(pets().policyFirst("rate_limit", "{\"leaky_bucket_limiters\":[{\"key\":{\"name\":\"lb\"},"
                + "\"rate\":5,\"burst\":1}]}"));

        assertThat(get("/pets?user_key=good-key").status()).isEqualTo(200);
        long started = System.nanoTime();
        assertThat(get("/pets?user_key=good-key").status()).isEqualTo(200); // delayed 200 ms
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(get("/pets?user_key=good-key").status()).isEqualTo(429); // over rate + burst

        assertThat(tookMillis).isGreaterThanOrEqualTo(190);
        assertThat(gw.upstream.received()).hasSize(2);
    }

    @Test
    void invalidConfigurationsNameTheField() {
        assertThat(rejected(pets().policyFirst("rate_limit", "{\"fixed_window_limiters\":[{\"key\":{\"name\":\"a\"},"
                + "\"count\":-1,\"window\":1}]}")))
                .contains("policy_chain[0] (rate_limit): configuration: fixed_window_limiters[0].count: -1"
                        + " (expected: >= 1)");
        assertThat(rejected(pets().policyFirst("rate_limit", "{\"fixed_window_limiters\":[{\"count\":1}]}")))
                .contains("fixed_window_limiters[0].key: missing");
        assertThat(rejected(pets().policyFirst("rate_limit", "{\"leaky_bucket_limiters\":[{\"key\":{\"name\":\"a\","
                + "\"scope\":\"planet\"},\"rate\":1}]}"))).contains("leaky_bucket_limiters[0].key.scope: \"planet\"");
        assertThat(rejected(pets().policyFirst("rate_limit", "{\"redis_url\":\"http://user:pw@h\"}")))
                .contains("redis_url: \"http://h\"").doesNotContain("pw");
        assertThat(rejected(pets().policyFirst("rate_limit", "{\"connection_limiters\":[{\"key\":{\"name\":\"c\"},"
                + "\"conn\":1}]}"))).contains("connection_limiters: not supported");
        assertThat(rejected(pets().policyFirst("rate_limit", "{\"fixed_window_limiters\":[{\"key\":{\"name\":\"a\"},"
                + "\"count\":1,\"condition\":{\"operations\":[{\"left\":\"a\",\"op\":\"~\",\"right\":\"b\"}]}}]}")))
                .contains("fixed_window_limiters[0].condition.operations[0].op: \"~\"");
    }
}
