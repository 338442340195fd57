package io.tollgate.meter.engine;

import static java.util.Objects.requireNonNull;

import io.tollgate.meter.Counter;
import io.tollgate.meter.CounterStore;
import io.tollgate.meter.Decision;
import io.tollgate.meter.Window;
import io.tollgate.meter.config.MeterApp;
import io.tollgate.meter.config.MeterConfigSource;
import io.tollgate.meter.config.MeterImage;
import io.tollgate.meter.config.MeterImage.ServiceView;
import io.tollgate.meter.config.MeterLimit;
import io.tollgate.meter.config.MeterMetric;
import io.tollgate.meter.config.MeterPlan;
import io.tollgate.meter.stats.UsageStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metering engine: authorize, authrep and report over the configuration replica and a counter
 * store, with apisonator's checks in apisonator's order (service → application → key, referrer, state →
 * metrics and limits).
 *
 * <p><b>Exact limits.</b> An authrep is one {@link CounterStore#authrep} over every limit of the
 * application's plan: the store checks {@code current + usage <= limit} for all of them and adds the
 * usage to all of them in one atomic step, so concurrent authreps never admit more than the limit
 * (apisonator checks first and counts later in a background job, and overshoots under load).
 *
 * <p><b>Which limits decide.</b> As in apisonator: when the call carries usage, only the limits of the
 * metrics it uses (after roll-up to their ancestors) are checked — a limit of 0 therefore refuses any
 * use of its metric; when it carries none, every limit is checked and the call is refused if any window
 * is already over its limit (reports, which do not check limits, can push a window over).
 *
 * <p>Only limited metric/period pairs have counters; usage of unlimited metrics is kept by
 * {@link UsageStats} for analytics. A limit added mid-window therefore starts counting from 0.
 */
public final class Meter implements MeterEngine {
    /** Reports may be this far in the past ({@code transactions[i][timestamp]}). */
    static final Duration REPORT_MAX_AGE = Duration.ofHours(24);
    /** Reports may be this far in the future. */
    static final Duration REPORT_MAX_AHEAD = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(Meter.class);

    private final MeterConfigSource config;
    private final CounterStore store;
    private final UsageStats stats;
    private final Clock clock;

    /**
     * @param config the replica the meter reads on every call
     * @param store the counters (memory, Redis, or Redis guarded by a failure policy)
     * @param stats where admitted and reported usage is kept for analytics
     * @param clock the time that picks the windows
     */
    public Meter(MeterConfigSource config, CounterStore store, UsageStats stats, Clock clock) {
        this.config = requireNonNull(config, "config");
        this.store = requireNonNull(store, "store");
        this.stats = requireNonNull(stats, "stats");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public CompletionStage<MeterResponse> authorize(MeterCall call) {
        return evaluate(call, false);
    }

    @Override
    public CompletionStage<MeterResponse> authrep(MeterCall call) {
        return evaluate(call, true);
    }

    @Override
    public CompletionStage<Void> report(ReportCall call) {
        List<Recorded> batch;
        try {
            MeterImage image = config.current();
            ServiceView service = ServiceAuth.resolve(image, call.serviceToken(), call.providerKey(), call.serviceId());
            Instant now = clock.instant();
            batch = new ArrayList<>(call.transactions().size());
            for (Transaction tx : call.transactions()) {
                if (tx.usage().isEmpty()) {
                    continue;
                }
                MeterApp app = application(image, service, tx.appId(), tx.userKey(), false);
                Instant at = timestamp(tx.timestamp(), now);
                Map<Long, Long> usage = rollUp(service, tx.usage(), false);
                batch.add(new Recorded(app, at, usage, reportCounters(image, app, usage)));
            }
        } catch (MeterException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (Recorded r : batch) {
            chain = chain.thenCompose(ignored -> r.counters().isEmpty()
                    ? CompletableFuture.completedFuture(null)
                    : guarded(store.authrepAsync(r.counters(), r.at())).thenApply(decision -> null))
                    .thenRun(() -> stats.record(r.app().serviceId(), r.app().id(), r.usage(), r.at()));
        }
        return chain;
    }

    private CompletionStage<MeterResponse> evaluate(MeterCall call, boolean record) {
        try {
            MeterImage image = config.current();
            ServiceView service = ServiceAuth.resolve(image, call.serviceToken(), call.providerKey(), call.serviceId());
            if (!service.service().active()) {
                throw new MeterException(MeterErrorCode.SERVICE_ID_INVALID,
                        "service id \"" + call.serviceId() + "\" is invalid");
            }
            MeterApp app = application(image, service, call.appId(), call.userKey(), call.oauth());
            MeterPlan plan = image.plan(app.planId()).orElse(new MeterPlan(app.planId(), service.service().id(), "",
                    List.of()));
            List<MeterLimit> limits = limitsOf(service, plan);
            Instant now = clock.instant();
            Validators.Failure failure = Validators.check(service.service(), app, call);
            if (failure != null) {
                return read(app, limits, now).thenApply(values -> new MeterResponse(failure.rejection(),
                        failure.reason(), plan.name(), reports(service, limits, now, values), app, service));
            }
            Map<Long, Long> usage = rollUp(service, call.usage(), call.flatUsage());
            List<Counter> counters = checkCounters(app, limits, usage);
            Decided decided = new Decided(plan, limits, now, app, service);
            if (!record) {
                return read(app, limits, now).thenApply(values -> decided.response(
                        fits(counters, values), values));
            }
            if (counters.isEmpty()) {
                stats.record(service.service().id(), app.id(), usage, now);
                return CompletableFuture.completedFuture(decided.response(true, List.of()));
            }
            return guarded(store.authrepAsync(counters, now)).thenApply(decision -> {
                if (decision.allowed()) {
                    stats.record(service.service().id(), app.id(), usage, now);
                }
                return decided.response(decision.allowed(), decision.values());
            });
        } catch (MeterException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Looks the application up by app_id or user_key, with apisonator's errors. */
    private static MeterApp application(MeterImage image, ServiceView service, String appId, String userKey,
            boolean oauth) {
        long serviceId = service.service().id();
        boolean hasAppId = !ServiceAuth.blank(appId);
        boolean hasUserKey = !ServiceAuth.blank(userKey);
        if (hasAppId && hasUserKey) {
            throw new MeterException(MeterErrorCode.AUTHENTICATION_ERROR,
                    "either app_id or user_key is allowed, not both");
        }
        if (hasUserKey && !oauth) {
            return image.appByUserKey(serviceId, userKey).orElseThrow(() -> new MeterException(
                    MeterErrorCode.USER_KEY_INVALID, "user key \"" + userKey + "\" is invalid"));
        }
        String id = hasAppId ? appId : "";
        return (hasAppId ? image.appByAppId(serviceId, appId) : java.util.Optional.<MeterApp>empty())
                .orElseThrow(() -> new MeterException(MeterErrorCode.APPLICATION_NOT_FOUND,
                        "application with id=\"" + id + "\" was not found"));
    }

    /** The plan's limits on metrics that still exist, in plan order. */
    private static List<MeterLimit> limitsOf(ServiceView service, MeterPlan plan) {
        List<MeterLimit> limits = new ArrayList<>(plan.limits().size());
        for (MeterLimit limit : plan.limits()) {
            if (service.metric(limit.metricId()).isPresent()) {
                limits.add(limit);
            }
        }
        return limits;
    }

    /**
     * Metric id → units, each metric's usage added to every ancestor unless {@code flat}.
     *
     * @throws MeterException {@code metric_invalid} for a name the service does not have
     */
    static Map<Long, Long> rollUp(ServiceView service, Map<String, Long> usage, boolean flat) {
        Map<Long, Long> rolled = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : usage.entrySet()) {
            MeterMetric metric = service.metric(e.getKey()).orElseThrow(() -> new MeterException(
                    MeterErrorCode.METRIC_INVALID, "metric \"" + e.getKey() + "\" is invalid"));
            int depth = 0;
            for (MeterMetric m = metric; m != null; m = flat ? null : service.parent(m).orElse(null)) {
                rolled.merge(m.id(), e.getValue(), Meter::saturatingAdd);
                if (++depth > 64) {
                    break; // a cycle in a corrupt replica must not hang the request path
                }
            }
        }
        return rolled;
    }

    /**
     * One counter per limit. With usage, the limits of metrics the call does not use are read but not
     * checked (an unlimited counter with delta 0); without usage every limit is checked at delta 0.
     */
    private static List<Counter> checkCounters(MeterApp app, List<MeterLimit> limits, Map<Long, Long> usage) {
        List<Counter> counters = new ArrayList<>(limits.size());
        for (MeterLimit limit : limits) {
            Long delta = usage.get(limit.metricId());
            long check = usage.isEmpty() || delta != null ? limit.value() : Counter.UNLIMITED;
            counters.add(new Counter(prefix(app, limit.metricId()), limit.period(), check, delta == null ? 0 : delta));
        }
        return counters;
    }

    /** Unchecked counters for the limited metrics a report uses: reports count, they never refuse. */
    private static List<Counter> reportCounters(MeterImage image, MeterApp app, Map<Long, Long> usage) {
        List<Counter> counters = new ArrayList<>();
        for (MeterLimit limit : image.plan(app.planId()).map(MeterPlan::limits).orElse(List.of())) {
            Long delta = usage.get(limit.metricId());
            if (delta != null) {
                counters.add(new Counter(prefix(app, limit.metricId()), limit.period(), Counter.UNLIMITED, delta));
            }
        }
        return counters;
    }

    /**
     * The counter key prefix of an application's metric. The application id is a Redis Cluster hash
     * tag, so every key of one authrep lives in one slot and one Lua script can touch them all.
     */
    static String prefix(MeterApp app, long metricId) {
        return "tg:{" + app.id() + "}:" + metricId;
    }

    private CompletionStage<List<Long>> read(MeterApp app, List<MeterLimit> limits, Instant now) {
        if (limits.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<Counter> counters = new ArrayList<>(limits.size());
        for (MeterLimit limit : limits) {
            counters.add(new Counter(prefix(app, limit.metricId()), limit.period(), Counter.UNLIMITED, 0));
        }
        return guarded(store.readAsync(counters, now)).thenApply(values -> List.copyOf(values.values()));
    }

    private static boolean fits(List<Counter> counters, List<Long> values) {
        for (int i = 0; i < counters.size(); i++) {
            Counter c = counters.get(i);
            if (!c.unlimited() && (c.delta() > c.limit() || values.get(i) > c.limit() - c.delta())) {
                return false;
            }
        }
        return true;
    }

    private static List<UsageReport> reports(ServiceView service, List<MeterLimit> limits, Instant now,
            List<Long> values) {
        List<UsageReport> reports = new ArrayList<>(limits.size());
        for (int i = 0; i < limits.size(); i++) {
            MeterLimit limit = limits.get(i);
            Window window = limit.period().window(now);
            String name = service.metric(limit.metricId()).map(MeterMetric::name).orElseThrow();
            reports.add(new UsageReport(name, limit.period(), window.start(), window.end(), limit.value(),
                    values.isEmpty() ? 0 : values.get(i)));
        }
        return reports;
    }

    private Instant timestamp(Instant at, Instant now) {
        if (at == null) {
            return now;
        }
        if (at.isBefore(now.minus(REPORT_MAX_AGE))) {
            throw new MeterException(MeterErrorCode.TRANSACTION_TIMESTAMP_TOO_OLD, "reporting transactions older than "
                    + REPORT_MAX_AGE.toSeconds() + " seconds is not allowed");
        }
        if (at.isAfter(now.plus(REPORT_MAX_AHEAD))) {
            throw new MeterException(MeterErrorCode.TRANSACTION_TIMESTAMP_TOO_NEW,
                    "reporting transactions more than " + REPORT_MAX_AHEAD.toSeconds()
                            + " seconds in the future is not allowed");
        }
        return at;
    }

    /**
     * A store failure becomes {@code store_unavailable} (503): the failure policy already had its say
     * (with {@code deny}, or an unguarded store).
     */
    private static <T> CompletionStage<T> guarded(CompletionStage<T> stage) {
        return stage.handle((value, error) -> {
            if (error == null) {
                return value;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof MeterException meterError) {
                throw meterError;
            }
            // Not a warning per call: while the store is down that would be one line per request. The
            // guarded store logs each state change; the detail is here for debugging.
            LOG.debug("counter store call failed: {}", cause.toString());
            throw new MeterException(MeterErrorCode.STORE_UNAVAILABLE, "counter store unavailable");
        });
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** What a response needs besides the decision and the values. */
    private record Decided(MeterPlan plan, List<MeterLimit> limits, Instant now, MeterApp app, ServiceView service) {
        MeterResponse response(boolean allowed, List<Long> values) {
            List<UsageReport> reports = reports(service, limits, now, values);
            return allowed
                    ? new MeterResponse(null, null, plan.name(), reports, app, service)
                    : new MeterResponse(Rejection.LIMITS_EXCEEDED, "usage limits are exceeded", plan.name(), reports,
                            app, service);
        }
    }

    /** One validated report transaction, ready to record. */
    private record Recorded(MeterApp app, Instant at, Map<Long, Long> usage, List<Counter> counters) {
    }
}
