package io.tollgate.server.testing;

import io.tollgate.meter.Period;
import io.tollgate.meter.Window;
import io.tollgate.meter.stats.UsageStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Usage statistics held in memory for tests: {@link #record} adds to the hour and day buckets, as
 * the interface says, and {@link #series} reads them back with zeros for empty buckets.
 */
public final class TestUsageStats implements UsageStats {
    private record Bucket(long appId, long metricId, Period granularity, Instant start) {
    }

    private final Map<Bucket, Long> buckets = new ConcurrentHashMap<>();

    @Override
    public void record(long serviceId, long appId, Map<Long, Long> usageByMetricId, Instant at) {
        usageByMetricId.forEach((metricId, value) -> {
            for (Period granularity : List.of(Period.HOUR, Period.DAY)) {
                buckets.merge(new Bucket(appId, metricId, granularity, granularity.window(at).start()), value,
                        Long::sum);
            }
        });
    }

    @Override
    public List<Long> series(long appId, long metricId, Period granularity, Instant since, Instant until) {
        List<Long> values = new ArrayList<>();
        for (Window w = granularity.window(since); !w.start().isAfter(until); w = granularity.window(w.end())) {
            values.add(buckets.getOrDefault(new Bucket(appId, metricId, granularity, w.start()), 0L));
        }
        return values;
    }
}
