package io.tollgate.meter.stats;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Usage kept for analytics (SPEC M3): per application and metric, summed by hour and by day (UTC
 * windows). Separate from the limit counters: recording never blocks or fails the call that caused it,
 * and the data outlives the limit windows.
 *
 * <p>Implementations: {@link MemoryUsageStats} (one process) and {@link RedisUsageStats} (shared by every
 * meter). Both keep hour buckets {@link UsageBuckets#HOUR_RETENTION} and day buckets
 * {@link UsageBuckets#DAY_RETENTION} from the bucket start.
 */
public interface UsageStats {

    /**
     * Adds {@code usageByMetricId} (already rolled up to parent metrics) to the hour and day buckets
     * containing {@code at}. Never blocks on I/O and never throws: implementations that write to a
     * server buffer and flush in the background, and log what they could not write.
     */
    void record(long serviceId, long appId, Map<Long, Long> usageByMetricId, Instant at);

    /**
     * The totals of one application and metric, one value per bucket of {@code granularity}
     * ({@link io.tollgate.meter.Period#HOUR} or {@link io.tollgate.meter.Period#DAY}) from the bucket
     * containing {@code since} to the one containing {@code until}, both included; 0 for empty buckets.
     * May block (network).
     *
     * @throws IllegalArgumentException if {@code granularity} is neither hour nor day, {@code since} is
     *     after {@code until}, or the range spans more than {@link UsageBuckets#MAX_SERIES_BUCKETS} buckets
     */
    List<Long> series(long appId, long metricId, io.tollgate.meter.Period granularity, Instant since, Instant until);
}
