package io.tollgate.gateway.policy.ratelimitheaders;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.config.ProductConfig;
import io.tollgate.gateway.meter.Authorization;
import io.tollgate.gateway.pipeline.Exchange;
import io.tollgate.gateway.policy.Policy;
import io.tollgate.gateway.policy.PolicyContext;
import io.tollgate.gateway.policy.PolicyFactory;
import io.vertx.core.MultiMap;

/**
 * {@code rate_limit_headers}: the IETF RateLimit header fields from the meter's answer for the
 * request (the plan's most constrained limit on the metrics it used): {@code RateLimit-Limit},
 * {@code RateLimit-Remaining} and {@code RateLimit-Reset} (seconds until the window ends; left out
 * for a limit that never resets). On every response once {@code apicast} asked the meter, 429s
 * included; none when the plan has no limit on those metrics or the meter was not asked.
 */
public final class RateLimitHeadersPolicy implements Policy {

    /** The policy has no configuration. */
    public static final class Factory implements PolicyFactory {
        @Override
        public String name() {
            return "rate_limit_headers";
        }

        @Override
        public Policy create(ObjectNode configuration, ProductConfig product, PolicyContext context) {
            return new RateLimitHeadersPolicy();
        }
    }

    @Override
    public void onResponse(Exchange ex) {
        Authorization authorization = ex.authorization();
        Authorization.LimitState limit = authorization == null ? null : authorization.limit();
        if (limit == null) {
            return;
        }
        MultiMap h = ex.response().headers();
        h.set("RateLimit-Limit", Long.toString(limit.max()));
        h.set("RateLimit-Remaining", Long.toString(limit.remaining()));
        if (limit.resetSeconds() >= 0) {
            h.set("RateLimit-Reset", Long.toString(limit.resetSeconds()));
        }
    }
}
