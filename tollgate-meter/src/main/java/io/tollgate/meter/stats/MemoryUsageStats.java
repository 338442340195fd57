package io.tollgate.meter.stats;

import static java.util.Objects.requireNonNull;

import io.tollgate.meter.Period;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Usage statistics in this JVM's memory, for {@code tollgate up} and tests. Lost on restart.
 *
 * <p>Recording is lock-free: a {@link ConcurrentHashMap} lookup and a {@link LongAdder} add per bucket,
 * so many request threads can count the same application at once without contending on a lock.
 *
 * <p>Buckets past their retention ({@link UsageBuckets#HOUR_RETENTION},
 * {@link UsageBuckets#DAY_RETENTION}, measured from the bucket start) are swept by {@code record}, at
 * most once per {@link #SWEEP_INTERVAL} of the injected clock; usage recorded for an already expired
 * bucket is ignored. A record racing with the sweep of its bucket may be lost, which only concerns
 * buckets that are past their retention anyway.
 */
public final class MemoryUsageStats implements UsageStats {
    /** The least time between two sweeps of expired buckets. */
    public static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final ConcurrentHashMap<Bucket, LongAdder> buckets = new ConcurrentHashMap<>();
    private final Clock clock;
    private final AtomicLong nextSweepMillis;

    /** Statistics on the system UTC clock. */
    public MemoryUsageStats() {
        this(Clock.systemUTC());
    }

    /** Statistics whose retention is measured on {@code clock}. */
    public MemoryUsageStats(Clock clock) {
        this.clock = requireNonNull(clock, "clock");
        this.nextSweepMillis = new AtomicLong(clock.millis() + SWEEP_INTERVAL.toMillis());
    }

    @Override
    public void record(long serviceId, long appId, Map<Long, Long> usageByMetricId, Instant at) {
        requireNonNull(usageByMetricId, "usageByMetricId");
        requireNonNull(at, "at");
        Instant now = clock.instant();
        long hour = UsageBuckets.startOf(Period.HOUR, at);
        long day = UsageBuckets.startOf(Period.DAY, at);
        for (Map.Entry<Long, Long> e : usageByMetricId.entrySet()) {
            long value = e.getValue();
            if (value != 0) {
                add(new Bucket(appId, e.getKey(), Period.HOUR, hour), value, now);
                add(new Bucket(appId, e.getKey(), Period.DAY, day), value, now);
            }
        }
        sweepIfDue(now);
    }

    @Override
    public List<Long> series(long appId, long metricId, Period granularity, Instant since, Instant until) {
        long[] starts = UsageBuckets.seriesStarts(granularity, since, until);
        List<Long> out = new ArrayList<>(starts.length);
        for (long start : starts) {
            LongAdder sum = buckets.get(new Bucket(appId, metricId, granularity, start));
            out.add(sum == null ? 0L : sum.sum());
        }
        return out;
    }

    /** How many buckets are held (for tests and gauges). */
    public int size() {
        return buckets.size();
    }

    private void add(Bucket bucket, long value, Instant now) {
        if (UsageBuckets.expired(bucket.granularity(), bucket.start(), now)) {
            return;
        }
        LongAdder sum = buckets.get(bucket);
        if (sum == null) {
            sum = buckets.computeIfAbsent(bucket, b -> new LongAdder());
        }
        sum.add(value);
    }

    private void sweepIfDue(Instant now) {
        long due = nextSweepMillis.get();
        long nowMillis = now.toEpochMilli();
        // One recording thread wins the CAS and sweeps; the others carry on without waiting.
        if (nowMillis < due || !nextSweepMillis.compareAndSet(due, nowMillis + SWEEP_INTERVAL.toMillis())) {
            return;
        }
        buckets.keySet().removeIf(b -> UsageBuckets.expired(b.granularity(), b.start(), now));
    }
}
