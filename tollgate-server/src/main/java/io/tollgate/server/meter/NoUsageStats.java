package io.tollgate.server.meter;

import io.tollgate.meter.Period;
import io.tollgate.meter.stats.UsageStats;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Usage statistics when no meter keeps any: recording drops the usage and every series is zeros.
 * The default of a control plane that is not given real statistics.
 */
public final class NoUsageStats implements UsageStats {
    /** The one instance. */
    public static final NoUsageStats INSTANCE = new NoUsageStats();

    private NoUsageStats() {
    }

    @Override
    public void record(long serviceId, long appId, Map<Long, Long> usageByMetricId, Instant at) {
        // Nothing keeps statistics.
    }

    @Override
    public List<Long> series(long appId, long metricId, Period granularity, Instant since, Instant until) {
        return new ArrayList<>(Collections.nCopies(buckets(granularity, since, until), 0L));
    }

    /**
     * How many windows of {@code granularity} there are, from the one containing {@code since} to
     * the one containing {@code until}.
     */
    public static int buckets(Period granularity, Instant since, Instant until) {
        if (until.isBefore(since)) {
            return 0;
        }
        ChronoUnit unit = switch (granularity) {
            case MINUTE -> ChronoUnit.MINUTES;
            case HOUR -> ChronoUnit.HOURS;
            case DAY -> ChronoUnit.DAYS;
            default -> null;
        };
        if (unit != null) {
            // Fixed-length windows: count without walking them.
            long between = unit.between(granularity.window(since).start(), granularity.window(until).start());
            return (int) Math.min(Integer.MAX_VALUE, between + 1);
        }
        int count = 0;
        for (Instant t = granularity.window(since).start(); !t.isAfter(until); t = granularity.window(t).end()) {
            count++;
        }
        return count;
    }
}
