package io.tollgate.gateway.policy.caching;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.config.JsonFields;
import io.tollgate.gateway.config.ProductConfig;
import io.tollgate.gateway.credentials.AppCredentials;
import io.tollgate.gateway.meter.Authorization;
import io.tollgate.gateway.meter.Authorization.Outcome;
import io.tollgate.gateway.pipeline.Exchange;
import io.tollgate.gateway.policy.Policy;
import io.tollgate.gateway.policy.PolicyContext;
import io.tollgate.gateway.policy.PolicyFactory;
import io.tollgate.gateway.policy.apicast.ApicastPolicy;
import io.tollgate.gateway.policy.apicast.MeterOutage;
import java.util.List;

/**
 * {@code caching} (3scale's "Auth Caching"): what {@code apicast} does when the meter cannot answer.
 * The meter is always asked first (every answer it gives is exact); this policy only decides the
 * outage case:
 * <ul>
 *   <li>{@code strict}, {@code none} — refuse with 503 (as without the policy);
 *   <li>{@code resilient} — the meter's last answer for the same credentials and usage decides
 *       (authorized passes, unmetered; a denial is repeated); never seen → 503;
 *   <li>{@code allow} — let the request through (unmetered) unless the last answer for the same
 *       credentials and usage was a denial, or the last answer for these credentials anywhere was that
 *       they are not valid (auth_failed).
 * </ul>
 * Memory is bounded: at most {@code max_entries} (Tollgate's; default 10,000) answers per product
 * are remembered, and as many credential-level denials; when full, a new one replaces an arbitrary
 * old one. Only resilient and allow remember anything.
 */
public final class CachingPolicy implements Policy, MeterOutage {
    private final Mode mode;
    private final LastAnswers<LastAnswers.Request> byRequest;
    private final LastAnswers<AppCredentials> invalidCredentials;

    enum Mode { STRICT, RESILIENT, ALLOW, NONE }

    CachingPolicy(Mode mode, int capacity) {
        this.mode = mode;
        boolean remembers = mode == Mode.RESILIENT || mode == Mode.ALLOW;
        this.byRequest = remembers ? new LastAnswers<>(capacity) : null;
        this.invalidCredentials = mode == Mode.ALLOW ? new LastAnswers<>(capacity) : null;
    }

    /** Parses {@code {caching_type, max_entries}}. */
    public static final class Factory implements PolicyFactory {
        @Override
        public String name() {
            return "caching";
        }

        @Override
        public Policy create(ObjectNode configuration, ProductConfig product, PolicyContext context) {
            JsonFields config = JsonFields.of(configuration, "");
            if (!config.has("caching_type")) {
                throw config.fail("caching_type", "missing (expected: one of strict, resilient, allow, none)");
            }
            String type = config.oneOf("caching_type", "", List.of("strict", "resilient", "allow", "none"));
            int capacity = config.intValue("max_entries", 10_000, 1, 1_000_000);
            return new CachingPolicy(Mode.valueOf(type.toUpperCase(java.util.Locale.ROOT)), capacity);
        }
    }

    @Override
    public void onRewrite(Exchange ex) {
        if (mode != Mode.STRICT && mode != Mode.NONE) {
            ex.put(ApicastPolicy.OUTAGE, this);
        }
        ex.proceed();
    }

    @Override
    public void remember(Exchange ex, Authorization authorization) {
        AppCredentials credentials = ex.credentials();
        byRequest.put(new LastAnswers.Request(credentials, ex.usage().asMap()), authorization);
        if (invalidCredentials != null) {
            if (authorization.outcome() == Outcome.AUTH_FAILED) {
                invalidCredentials.put(credentials, authorization);
            } else if (authorization.outcome() == Outcome.AUTHORIZED) {
                invalidCredentials.remove(credentials);
            }
        }
    }

    @Override
    public Authorization whileUnavailable(Exchange ex) {
        Authorization last = byRequest.get(new LastAnswers.Request(ex.credentials(), ex.usage().asMap()));
        if (mode == Mode.RESILIENT) {
            return last;
        }
        if (last != null && !last.authorized()) {
            return last;
        }
        Authorization invalid = invalidCredentials.get(ex.credentials());
        return invalid != null ? invalid : Authorization.authorized(null);
    }

    /** How many answers are remembered (tests). */
    int remembered() {
        return byRequest == null ? 0 : byRequest.size();
    }
}
