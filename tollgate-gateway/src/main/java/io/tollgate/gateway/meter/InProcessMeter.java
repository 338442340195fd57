package io.tollgate.gateway.meter;

import static java.util.Objects.requireNonNull;

import io.tollgate.gateway.config.ProductConfig;
import io.tollgate.gateway.credentials.AppCredentials;
import io.tollgate.gateway.meter.Authorization.LimitState;
import io.tollgate.gateway.meter.Authorization.Outcome;
import io.tollgate.meter.Period;
import io.tollgate.meter.engine.MeterCall;
import io.tollgate.meter.engine.MeterEngine;
import io.tollgate.meter.engine.MeterErrorCode;
import io.tollgate.meter.engine.MeterException;
import io.tollgate.meter.engine.MeterResponse;
import io.tollgate.meter.engine.Rejection;
import io.tollgate.meter.engine.UsageReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The meter in this process: an exact authrep per request straight into the engine, no HTTP, no
 * XML. With counters in memory the answer is there before the call returns; with Redis it comes from
 * the Redis client's thread (the exchange hops back to its own).
 */
public final class InProcessMeter implements GatewayMeter {
    private final MeterEngine engine;
    private final Clock clock;

    public InProcessMeter(MeterEngine engine, Clock clock) {
        this.engine = requireNonNull(engine, "engine");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public CompletionStage<Authorization> authrep(ProductConfig product, AppCredentials credentials,
            Map<String, Long> usage, String referrer) {
        MeterCall call = new MeterCall(product.serviceToken(), null, Long.toString(product.id()),
                credentials.userKey(), credentials.appId(), credentials.appKey(), referrer, null, usage, false, false);
        CompletionStage<MeterResponse> stage;
        try {
            stage = engine.authrep(call);
        } catch (MeterException e) {
            return java.util.concurrent.CompletableFuture.completedFuture(error(e));
        }
        return stage.handle((response, failure) -> failure == null ? decide(response) : failure(failure));
    }

    private Authorization decide(MeterResponse response) {
        Instant now = clock.instant();
        if (response.authorized()) {
            return Authorization.authorized(tightest(response.reports(), now));
        }
        if (response.rejection() != Rejection.LIMITS_EXCEEDED) {
            return Authorization.of(Outcome.AUTH_FAILED, response.rejection().code());
        }
        return limitsExceeded(response.reports(), now);
    }

    /**
     * A limit of 0 disables its metric: that is auth_failed, not 429 (threescale-wire.md §3). Otherwise
     * Retry-After is when the last of the full windows resets.
     */
    static Authorization limitsExceeded(List<UsageReport> reports, Instant now) {
        long retry = 0;
        boolean forever = false;
        boolean any = false;
        for (UsageReport r : reports) {
            if (r.currentValue() < r.maxValue()) {
                continue;
            }
            if (r.maxValue() == 0) {
                return Authorization.of(Outcome.AUTH_FAILED, Rejection.LIMITS_EXCEEDED.code());
            }
            any = true;
            long reset = resetSeconds(r, now);
            if (reset < 0) {
                forever = true;
            } else {
                retry = Math.max(retry, reset);
            }
        }
        if (!any) {
            // The usage did not fit although no window is full (a delta > 1): wait for the tightest.
            LimitState tightest = tightest(reports, now);
            retry = tightest == null ? 0 : Math.max(0, tightest.resetSeconds());
            forever = tightest != null && tightest.resetSeconds() < 0;
        }
        return new Authorization(Outcome.LIMITS_EXCEEDED, Rejection.LIMITS_EXCEEDED.code(), tightest(reports, now),
                forever ? -1 : retry);
    }

    /** The report with the fewest units left (the next to refuse), or null without limits. */
    static LimitState tightest(List<UsageReport> reports, Instant now) {
        UsageReport best = null;
        for (UsageReport r : reports) {
            if (best == null || remaining(r) < remaining(best)) {
                best = r;
            }
        }
        return best == null ? null : new LimitState(best.maxValue(), remaining(best), resetSeconds(best, now));
    }

    private static long remaining(UsageReport r) {
        return Math.max(0, r.maxValue() - r.currentValue());
    }

    private static long resetSeconds(UsageReport r, Instant now) {
        if (r.period() == Period.ETERNITY) {
            return -1;
        }
        long millis = Duration.between(now, r.periodEnd()).toMillis();
        return Math.max(0, (millis + 999) / 1000);
    }

    private static Authorization failure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof MeterException e) {
            return error(e);
        }
        return Authorization.of(Outcome.UNAVAILABLE, "meter_error");
    }

    static Authorization error(MeterException e) {
        MeterErrorCode code = e.code();
        return switch (code) {
            case METRIC_INVALID -> Authorization.of(Outcome.NO_MATCH, code.code());
            case STORE_UNAVAILABLE -> Authorization.of(Outcome.UNAVAILABLE, code.code());
            default -> Authorization.of(Outcome.AUTH_FAILED, code.code());
        };
    }
}
