package io.tollgate.meter.engine;

import io.tollgate.common.Secrets;
import io.tollgate.meter.Period;
import io.tollgate.meter.config.MeterApp;
import io.tollgate.meter.config.MeterLimit;
import io.tollgate.meter.config.MeterMetric;
import io.tollgate.meter.config.MeterPlan;
import io.tollgate.meter.config.MeterService;
import io.tollgate.meter.config.MeterSnapshot;
import io.tollgate.meter.config.MeterTenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small replica: tenant 1 (provider key {@code pk}) with service 10 (app_id/app_key, token {@code st}),
 * metrics hits(100) ← search(101), hits(100) ← hits.7(102) ← list.7(103) (a backend), and unlimited(104);
 * plan 20 "Basic" with hits 5/minute, search 3/hour, list.7 2/day and a limit 0 on blocked(105);
 * apps: 30 live (app id {@code a1}, key {@code k1}), 31 suspended ({@code a2}), 32 live with no keys
 * ({@code a3}) and referrer filters; service 11 (user_key, token {@code st11}) with app 40 (user key {@code uk}).
 */
final class Fixture {
    static final String PROVIDER_KEY = "pk";
    static final String TOKEN = "st";

    private Fixture() {
    }

    static MeterSnapshot snapshot(long version, List<MeterLimit> limits) {
        List<MeterMetric> metrics = List.of(
                new MeterMetric(100, "hits", 0),
                new MeterMetric(101, "search", 100),
                new MeterMetric(102, "hits.7", 100),
                new MeterMetric(103, "list.7", 102),
                new MeterMetric(104, "unlimited", 0),
                new MeterMetric(105, "blocked", 0));
        MeterService service = new MeterService(10, 1, "2", true, Set.of(Secrets.sha256(TOKEN)), true, metrics);
        MeterService v1 = new MeterService(11, 1, "1", true, Set.of(Secrets.sha256("st11")), false,
                List.of(new MeterMetric(200, "hits", 0)));
        List<MeterPlan> plans = List.of(new MeterPlan(20, 10, "Basic", limits),
                new MeterPlan(21, 11, "Gold", List.of(new MeterLimit(200, Period.DAY, 1000))));
        List<MeterApp> apps = new ArrayList<>(List.of(
                new MeterApp(30, 10, 20, "live", null, "a1", List.of("k1", "k2"), List.of(), "https://cb.example"),
                new MeterApp(31, 10, 20, "suspended", null, "a2", List.of("k1"), List.of(), null),
                new MeterApp(32, 10, 20, "live", null, "a3", List.of(), List.of("*.example.com", "api.test"), null),
                new MeterApp(40, 11, 21, "live", "uk", null, List.of(), List.of(), null)));
        return new MeterSnapshot(version, List.of(new MeterTenant(1, Secrets.sha256(PROVIDER_KEY), 10, true)),
                List.of(service, v1), plans, apps);
    }

    static List<MeterLimit> defaultLimits() {
        return List.of(new MeterLimit(100, Period.MINUTE, 5), new MeterLimit(101, Period.HOUR, 3),
                new MeterLimit(103, Period.DAY, 2), new MeterLimit(105, Period.MONTH, 0));
    }

    /** An authrep/authorize call by app_id with the token. */
    static MeterCall call(String appId, String appKey, Map<String, Long> usage) {
        return new MeterCall(TOKEN, null, "10", null, appId, appKey, null, null, usage, false, false);
    }
}
