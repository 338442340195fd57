package io.tollgate.bench;

import io.tollgate.common.Secrets;
import io.tollgate.meter.Period;
import io.tollgate.meter.config.MeterApp;
import io.tollgate.meter.config.MeterLimit;
import io.tollgate.meter.config.MeterMetric;
import io.tollgate.meter.config.MeterPlan;
import io.tollgate.meter.config.MeterService;
import io.tollgate.meter.config.MeterSnapshot;
import io.tollgate.meter.config.MeterTenant;
import io.tollgate.meter.engine.MeterCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configuration the engine benchmarks meter against: one tenant, one service (app_id mode, service
 * token {@link #TOKEN}) with one metric {@code hits}, one plan with a single daily limit on {@code hits}
 * of {@link #LIMIT} (checked on every call, never reached), and {@code apps} live applications without
 * application keys, so every authrep is admitted and touches exactly one counter: one key per app.
 *
 * @param apps how many applications, hence counter keys
 * @param firstAppId the database id of application 0; the others follow. Counter keys embed it, so a
 *     run against a shared Redis picks a range nobody else uses
 */
public record MeterFixture(int apps, long firstAppId) {
    /** The service token every call carries. */
    public static final String TOKEN = "bench-service-token";
    /** The service id. */
    public static final long SERVICE_ID = 1;
    /** The id of the {@code hits} metric. */
    public static final long HITS = 1;
    /** The daily limit on {@code hits}: far above anything a run can count, so no call is denied. */
    public static final long LIMIT = 1L << 62;
    /** The limit's period; a fixed clock keeps every call in one window. */
    public static final Period PERIOD = Period.DAY;

    private static final long PLAN_ID = 1;

    /** Checks the sizes. */
    public MeterFixture {
        if (apps < 1) {
            throw new IllegalArgumentException("apps: " + apps + " (expected: >= 1)");
        }
        if (firstAppId < 1) {
            throw new IllegalArgumentException("firstAppId: " + firstAppId + " (expected: >= 1)");
        }
    }

    /** The snapshot to publish into a {@link io.tollgate.meter.config.LocalMeterConfig}. */
    public MeterSnapshot snapshot() {
        MeterService service = new MeterService(SERVICE_ID, 1, "2", true, Set.of(Secrets.sha256(TOKEN)), false,
                List.of(new MeterMetric(HITS, "hits", 0)));
        MeterPlan plan = new MeterPlan(PLAN_ID, SERVICE_ID, "Bench", List.of(new MeterLimit(HITS, PERIOD, LIMIT)));
        List<MeterApp> list = new ArrayList<>(apps);
        for (int i = 0; i < apps; i++) {
            list.add(new MeterApp(firstAppId + i, SERVICE_ID, PLAN_ID, MeterApp.LIVE, null, appId(i), List.of(),
                    List.of(), null));
        }
        return new MeterSnapshot(1, List.of(new MeterTenant(1, Secrets.sha256("bench-provider-key"), SERVICE_ID,
                true)), List.of(service), List.of(plan), list);
    }

    /** One authrep call per application, {@code usage[hits]=1}, indexed like the applications. */
    public MeterCall[] calls() {
        MeterCall[] calls = new MeterCall[apps];
        for (int i = 0; i < apps; i++) {
            calls[i] = new MeterCall(TOKEN, null, Long.toString(SERVICE_ID), null, appId(i), null, null, null,
                    Map.of("hits", 1L), false, false);
        }
        return calls;
    }

    /**
     * The counter key prefix the engine uses for application {@code i}'s {@code hits}. It mirrors
     * {@code Meter.prefix} (package-private there); the Redis driver checks the counts it reads under
     * these keys, so a change of format fails the run loudly instead of leaving keys behind.
     */
    public String counterPrefix(int i) {
        return "tg:{" + (firstAppId + i) + "}:" + HITS;
    }

    private static String appId(int i) {
        return "app-" + i;
    }
}
