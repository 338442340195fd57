package io.tollgate.meter.api;

import io.tollgate.meter.Period;
import io.tollgate.meter.config.MeterApp;
import io.tollgate.meter.config.MeterImage;
import io.tollgate.meter.config.MeterImage.ServiceView;
import io.tollgate.meter.config.MeterMetric;
import io.tollgate.meter.config.MeterService;
import io.tollgate.meter.config.MeterSnapshot;
import io.tollgate.meter.engine.MeterResponse;
import io.tollgate.meter.engine.Rejection;
import io.tollgate.meter.engine.UsageReport;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A service with {@code hits} and two methods under it, one application, and the wire doc's example times. */
final class Fixtures {
    static final long SERVICE_ID = 7;
    /** The wire doc's example minute: 2020-01-06 14:52:00 to 14:53:00 UTC. */
    static final Instant MINUTE_START = Instant.parse("2020-01-06T14:52:00Z");
    static final Instant MINUTE_END = Instant.parse("2020-01-06T14:53:00Z");
    /** A moment inside that minute, 29.5 s before its end. */
    static final Instant NOW = Instant.parse("2020-01-06T14:52:30.500Z");

    static final MeterMetric HITS = new MeterMetric(1, "hits", 0);
    static final MeterMetric M1 = new MeterMetric(2, "m1", 1);
    static final MeterMetric M2 = new MeterMetric(3, "m2", 1);
    static final MeterMetric SEARCH = new MeterMetric(4, "search", 0);

    static final MeterApp APP = new MeterApp(100, SERVICE_ID, 10, MeterApp.LIVE, null, "app1",
            List.of("k1", "k2"), List.of(), "https://app.example/cb");

    static final ServiceView SERVICE = MeterImage.of(new MeterSnapshot(1, List.of(),
            List.of(new MeterService(SERVICE_ID, 1, "2", true, Set.of(), false, List.of(HITS, M1, M2, SEARCH))),
            List.of(), List.of(APP))).service(SERVICE_ID).orElseThrow();

    private Fixtures() {
    }

    /** The wire doc's report: hits per minute, max 2, current 1. */
    static UsageReport minuteHits(long max, long current) {
        return new UsageReport("hits", Period.MINUTE, MINUTE_START, MINUTE_END, max, current);
    }

    static UsageReport report(String metric, Period period, long max, long current) {
        var window = period.window(NOW);
        return new UsageReport(metric, period, window.start(), window.end(), max, current);
    }

    static MeterResponse authorized(UsageReport... reports) {
        return new MeterResponse(null, null, "Basic", List.of(reports), APP, SERVICE);
    }

    static MeterResponse rejected(Rejection rejection, String reason, UsageReport... reports) {
        return new MeterResponse(rejection, reason, "Basic", List.of(reports), APP, SERVICE);
    }
}
