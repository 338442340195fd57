package io.tollgate.meter;

import io.tollgate.meter.stats.UsageStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** A {@link UsageStats} test double: sums what it is given per application and metric, whatever the time. */
public final class RecordingStats implements UsageStats {
    private final Map<String, LongAdder> totals = new ConcurrentHashMap<>();

    @Override
    public void record(long serviceId, long appId, Map<Long, Long> usageByMetricId, Instant at) {
        usageByMetricId.forEach((metric, units) ->
                totals.computeIfAbsent(appId + ":" + metric, k -> new LongAdder()).add(units));
    }

    /** Everything recorded for one application and metric. */
    public long total(long appId, long metricId) {
        LongAdder adder = totals.get(appId + ":" + metricId);
        return adder == null ? 0 : adder.sum();
    }

    @Override
    public List<Long> series(long appId, long metricId, Period granularity, Instant since, Instant until) {
        throw new UnsupportedOperationException("the tests only need the totals");
    }
}
