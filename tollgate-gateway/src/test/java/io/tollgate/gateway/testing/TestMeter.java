package io.tollgate.gateway.testing;

import io.tollgate.common.Secrets;
import io.tollgate.gateway.meter.GatewayMeter;
import io.tollgate.gateway.meter.InProcessMeter;
import io.tollgate.meter.MemoryCounterStore;
import io.tollgate.meter.Period;
import io.tollgate.meter.config.LocalMeterConfig;
import io.tollgate.meter.config.MeterApp;
import io.tollgate.meter.config.MeterLimit;
import io.tollgate.meter.config.MeterMetric;
import io.tollgate.meter.config.MeterPlan;
import io.tollgate.meter.config.MeterService;
import io.tollgate.meter.config.MeterSnapshot;
import io.tollgate.meter.engine.Meter;
import io.tollgate.meter.stats.MemoryUsageStats;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The real meter (engine + memory counters) over a replica tests describe: services with their
 * token and metrics, plans with limits, applications. {@link #publish()} makes changes visible.
 */
public final class TestMeter {
    private final LocalMeterConfig config = new LocalMeterConfig();
    private final Clock clock;
    private final Meter engine;
    private final Map<Long, MeterService> services = new LinkedHashMap<>();
    private final Map<Long, MeterPlan> plans = new LinkedHashMap<>();
    private final Map<Long, MeterApp> apps = new LinkedHashMap<>();
    private long version;

    public TestMeter(Clock clock) {
        this.clock = clock;
        this.engine = new Meter(config, new MemoryCounterStore(), new MemoryUsageStats(), clock);
    }

    /** Service {@code id} with token {@code st-<id>}, metric {@code hits} (id = id*100+1) and the given methods. */
    public TestMeter service(long id, String... methods) {
        List<MeterMetric> metrics = new ArrayList<>();
        long hits = hitsId(id);
        metrics.add(new MeterMetric(hits, "hits", 0));
        for (int i = 0; i < methods.length; i++) {
            metrics.add(new MeterMetric(metricId(id, i + 2), methods[i], hits));
        }
        services.put(id, new MeterService(id, 2, "1", true, Set.of(Secrets.sha256("st-" + id)), false, metrics));
        return this;
    }

    /** Replaces a service's backend version ("1", "2", "oidc"). */
    public TestMeter backendVersion(long serviceId, String version) {
        MeterService s = services.get(serviceId);
        services.put(serviceId, new MeterService(s.id(), s.tenantId(), version, s.active(), s.serviceTokenDigests(),
                s.referrerFiltersRequired(), s.metrics()));
        return this;
    }

    public static long hitsId(long serviceId) {
        return serviceId * 100 + 1;
    }

    /** The id of the n-th metric of a service (1 = hits, 2 = first method …). */
    public static long metricId(long serviceId, int n) {
        return serviceId * 100 + n;
    }

    /** Plan {@code id} of {@code serviceId} with these limits. */
    public TestMeter plan(long id, long serviceId, MeterLimit... limits) {
        plans.put(id, new MeterPlan(id, serviceId, "Plan " + id, List.of(limits)));
        return this;
    }

    public static MeterLimit limit(long metricId, Period period, long value) {
        return new MeterLimit(metricId, period, value);
    }

    /** A live user_key application. */
    public TestMeter userKeyApp(long id, long serviceId, long planId, String userKey) {
        apps.put(id, new MeterApp(id, serviceId, planId, MeterApp.LIVE, userKey, null, List.of(), List.of(), null));
        return this;
    }

    /** A live app_id application with these keys. */
    public TestMeter appIdApp(long id, long serviceId, long planId, String appId, String... keys) {
        apps.put(id, new MeterApp(id, serviceId, planId, MeterApp.LIVE, null, appId, List.of(keys), List.of(), null));
        return this;
    }

    public TestMeter suspend(long appId) {
        MeterApp a = apps.get(appId);
        apps.put(appId, new MeterApp(a.id(), a.serviceId(), a.planId(), "suspended", a.userKey(), a.appId(), a.keys(),
                a.referrerFilters(), a.redirectUrl()));
        return this;
    }

    public TestMeter publish() {
        config.publish(new MeterSnapshot(++version, List.of(), List.copyOf(services.values()),
                List.copyOf(plans.values()), List.copyOf(apps.values())));
        return this;
    }

    public Meter engine() {
        return engine;
    }

    public GatewayMeter gatewayMeter() {
        return new InProcessMeter(engine, clock);
    }
}
