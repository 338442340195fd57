package io.tollgate.gateway.policy.ratelimitheaders;

import static io.tollgate.gateway.testing.ProductJson.product;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.gateway.policy.PolicyTestBase;
import org.junit.jupiter.api.Test;

class RateLimitHeadersPolicyTest extends PolicyTestBase {

    @Test
    void headersFollowTheMetersAnswerIncludingOn429() {
        load(pets().policyLast("rate_limit_headers", "{}"));

        var first = get("/pets?user_key=good-key");
        for (int i = 0; i < 4; i++) {
            get("/pets?user_key=good-key");
        }
        var refused = get("/pets?user_key=good-key");

        assertThat(first.header("RateLimit-Limit")).isEqualTo("5");
        assertThat(first.header("RateLimit-Remaining")).isEqualTo("4");
        // The clock is at 10:15:30: the minute window resets in 30 s.
        assertThat(first.header("RateLimit-Reset")).isEqualTo("30");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("5");
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.header("RateLimit-Reset")).isEqualTo("30");
    }

    @Test
    void noHeadersWhenTheMeterWasNotAskedOrThePlanHasNoLimit() {
        gw.meter.plan(71, 7).userKeyApp(701, 7, 71, "free-key").publish();
        load(pets().policyLast("rate_limit_headers", "{}"));

        assertThat(get("/pets").header("RateLimit-Limit")).isNull(); // auth_missing: no meter call
        assertThat(get("/pets?user_key=free-key").header("RateLimit-Limit")).isNull();
    }

    @Test
    void itsPlaceInTheChainDoesNotMatter() {
        load(product(7, HOST).apiBackend(gw.upstream.url()).rule("GET", "/", "hits")
                .policyFirst("rate_limit_headers", "{}"));

        assertThat(get("/pets?user_key=good-key").header("RateLimit-Remaining")).isEqualTo("4");
    }
}
