package io.tollgate.bench;

import io.tollgate.meter.Period;
import io.tollgate.meter.stats.UsageStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Usage statistics that keep nothing: the benchmarks measure the limit path, and tollgate-meter has no
 * production {@link UsageStats} yet. When one lands, benchmark it on its own rather than here, so the
 * two costs stay apart.
 */
public final class NoopUsageStats implements UsageStats {

    @Override
    public void record(long serviceId, long appId, Map<Long, Long> usageByMetricId, Instant at) {
        // nothing kept
    }

    @Override
    public List<Long> series(long appId, long metricId, Period granularity, Instant since, Instant until) {
        throw new UnsupportedOperationException("series: the benchmarks keep no usage statistics");
    }
}
