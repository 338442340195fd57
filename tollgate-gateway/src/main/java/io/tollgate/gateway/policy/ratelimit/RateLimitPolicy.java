package io.tollgate.gateway.policy.ratelimit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.config.JsonFields;
import io.tollgate.gateway.config.ProductConfig;
import io.tollgate.gateway.pipeline.Exchange;
import io.tollgate.gateway.policy.Policy;
import io.tollgate.gateway.policy.PolicyContext;
import io.tollgate.gateway.policy.PolicyFactory;
import io.tollgate.gateway.policy.ratelimit.Limiter.Kind;
import io.tollgate.gateway.server.RateLimitedLog;
import io.vertx.core.Vertx;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code rate_limit} (3scale's "Edge Limiting"): per-key fixed windows ({@code count} requests per
 * {@code window} seconds) and leaky buckets ({@code rate} requests a second, {@code burst} more
 * delayed rather than refused), keys plain or Liquid, scoped to the product or global, each limiter
 * with an optional condition. Counted in this gateway process's memory, or in Redis when
 * {@code redis_url} is set (shared by every gateway). Checked in the access phase, all limiters at
 * once: a request refused by one counts in none.
 *
 * <p>Refused: {@code limits_exceeded_error} (429 with {@code Retry-After} by default, or only a log
 * line). Redis failing or slower than {@code redis_timeout_ms} (Tollgate's; 50 ms): by default
 * APIcast's {@code configuration_error} handling (500, or only a log line and the request passes);
 * with {@code on_redis_failure: local} each gateway limits on its own meanwhile, every limit divided
 * by {@code local_fallback_divisor} (the number of gateways sharing the Redis).
 */
public final class RateLimitPolicy implements Policy {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimitPolicy.class);
    private static final String TEXT = "text/plain; charset=utf-8";

    private final Limiter[] limiters;
    private final LocalLimiterStore local;
    private final RedisLimiterStore redis;
    private final long redisTimeoutMillis;
    private final boolean localFallback;
    private final int fallbackDivisor;
    private final ErrorHandling limitsExceeded;
    private final ErrorHandling configurationError;
    private final Clock clock;
    private final Vertx vertx;
    private final RateLimitedLog overLimitLog = new RateLimitedLog(LOG, 1);
    private final RateLimitedLog redisLog = new RateLimitedLog(LOG, 1);

    private RateLimitPolicy(Settings s, PolicyContext context) {
        this.limiters = s.limiters;
        this.local = LocalLimiterStore.of(context.vertx(), context.clock());
        this.redis = s.redisUrl == null ? null
                : RedisLimiterStore.of(context.vertx(), s.redisUrl, context.redis(), context.metrics());
        this.redisTimeoutMillis = s.redisTimeoutMillis;
        this.localFallback = s.localFallback;
        this.fallbackDivisor = s.fallbackDivisor;
        this.limitsExceeded = s.limitsExceeded;
        this.configurationError = s.configurationError;
        this.clock = context.clock();
        this.vertx = context.vertx();
    }

    private record Settings(Limiter[] limiters, String redisUrl, long redisTimeoutMillis, boolean localFallback,
            int fallbackDivisor, ErrorHandling limitsExceeded, ErrorHandling configurationError) {
    }

    /** Parses APIcast's configuration plus Tollgate's {@code redis_timeout_ms}, {@code on_redis_failure}, {@code local_fallback_divisor}. */
    public static final class Factory implements PolicyFactory {
        @Override
        public String name() {
            return "rate_limit";
        }

        @Override
        public Policy create(ObjectNode configuration, ProductConfig product, PolicyContext context) {
            JsonFields config = JsonFields.of(configuration, "");
            if (!config.objects("connection_limiters").isEmpty()) {
                throw config.fail("connection_limiters", "not supported (expected: absent or empty; use"
                        + " leaky_bucket_limiters or fixed_window_limiters)");
            }
            List<Limiter> limiters = new ArrayList<>();
            for (JsonFields f : config.objects("leaky_bucket_limiters")) {
                limiters.add(Limiter.parse(Kind.LEAKY_BUCKET, f, product.id()));
            }
            for (JsonFields f : config.objects("fixed_window_limiters")) {
                limiters.add(Limiter.parse(Kind.FIXED_WINDOW, f, product.id()));
            }
            String url = config.string("redis_url").map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
            if (url != null && !url.startsWith("redis://") && !url.startsWith("rediss://")
                    && !url.startsWith("unix://")) {
                throw config.fail("redis_url", "\"" + RedisLimiterStore.redacted(url)
                        + "\" (expected: redis://[user:password@]host[:port][/db], rediss://… or unix://…)");
            }
            long timeout = config.longValue("redis_timeout_ms", 50, 1, 10_000);
            boolean fallback = config.oneOf("on_redis_failure", "configuration_error",
                    List.of("configuration_error", "local")).equals("local");
            int divisor = config.intValue("local_fallback_divisor", 1, 1, 10_000);
            return new RateLimitPolicy(new Settings(limiters.toArray(Limiter[]::new), url, timeout, fallback, divisor,
                    ErrorHandling.parse(config.object("limits_exceeded_error"), 429),
                    ErrorHandling.parse(config.object("configuration_error"), 500)), context);
        }
    }

    @Override
    public void onAccess(Exchange ex) {
        // Conditions (and Liquid keys) are evaluated once per limiter: they may read the request.
        Limiter[] found = null;
        String[] foundKeys = null;
        int n = 0;
        for (int i = 0; i < limiters.length; i++) {
            Limiter l = limiters[i];
            if (l.condition().test(ex)) {
                if (found == null) {
                    found = new Limiter[limiters.length - i];
                    foundKeys = new String[found.length];
                }
                found[n] = l;
                foundKeys[n++] = l.key(ex);
            }
        }
        if (n == 0) {
            ex.proceed();
            return;
        }
        Limiter[] chosen = n == found.length ? found : java.util.Arrays.copyOf(found, n);
        String[] keys = n == found.length ? foundKeys : java.util.Arrays.copyOf(foundKeys, n);
        long now = clock.millis();
        if (redis == null) {
            act(ex, local.acquire(chosen, keys, now, 1));
            return;
        }
        redis.acquire(chosen, keys, now, redisTimeoutMillis).onComplete(ar -> {
            if (ar.succeeded()) {
                act(ex, ar.result());
            } else if (localFallback) {
                redisLog.warn("rate_limit: Redis unavailable, limiting per gateway: {}", ar.cause().toString());
                String[] fallbackKeys = new String[keys.length];
                for (int i = 0; i < keys.length; i++) {
                    fallbackKeys[i] = "redis-fallback:" + keys[i];
                }
                act(ex, local.acquire(chosen, fallbackKeys, now, fallbackDivisor));
            } else {
                redisLog.warn("rate_limit: Redis unavailable (configuration_error): {}", ar.cause().toString());
                if (configurationError.exit()) {
                    respond(ex, configurationError.status(), -1);
                } else {
                    ex.proceed();
                }
            }
        });
    }

    private void act(Exchange ex, Verdict verdict) {
        if (!verdict.admitted()) {
            overLimitLog.warn("rate_limit: request over the limit for {}", ex.product().config().label());
            if (limitsExceeded.exit()) {
                respond(ex, limitsExceeded.status(), verdict.retryAfterSeconds());
            } else {
                ex.proceed();
            }
        } else if (verdict.delayMillis() > 0) {
            // a leaky bucket's excess request waits, without holding a thread, then goes on
            vertx.setTimer(verdict.delayMillis(), id -> ex.proceed());
        } else {
            ex.proceed();
        }
    }

    private static void respond(Exchange ex, int status, long retryAfterSeconds) {
        if (retryAfterSeconds >= 0 && status == 429) {
            ex.response().headers().set("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
        }
        ex.respond(status, TEXT, HttpResponseStatus.valueOf(status).reasonPhrase() + "\n");
    }
}
