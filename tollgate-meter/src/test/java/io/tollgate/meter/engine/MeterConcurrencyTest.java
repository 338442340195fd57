package io.tollgate.meter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.meter.MemoryCounterStore;
import io.tollgate.meter.MutableClock;
import io.tollgate.meter.Period;
import io.tollgate.meter.RecordingStats;
import io.tollgate.meter.config.LocalMeterConfig;
import io.tollgate.meter.config.MeterLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** reliability.md C10: 64 threads × 10,000 authreps at limit L admit exactly L per window. */
class MeterConcurrencyTest {
    static final int THREADS = 64;
    static final int CALLS_PER_WINDOW = 5_000;
    static final long LIMIT = 1_000;

    @Test
    void sixtyFourThreadsAdmitExactlyTheLimitInEachOfTwoWindows() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:15:00Z"));
        LocalMeterConfig config = new LocalMeterConfig();
        // hits 1000/minute, and the method "search" rolls into hits: both kinds of call compete for hits
        config.publish(Fixture.snapshot(1, List.of(new MeterLimit(100, Period.MINUTE, LIMIT),
                new MeterLimit(101, Period.MINUTE, LIMIT / 2))));
        RecordingStats stats = new RecordingStats();
        Meter meter = new Meter(config, new MemoryCounterStore(), stats, clock);
        Map<Instant, LongAdder> admittedHits = new ConcurrentHashMap<>();
        CyclicBarrier windowOver = new CyclicBarrier(THREADS, () -> clock.advance(Duration.ofMinutes(1)));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String metric = t % 2 == 0 ? "hits" : "search";
                done.add(pool.submit(() -> {
                    for (int window = 0; window < 2; window++) {
                        for (int i = 0; i < CALLS_PER_WINDOW; i++) {
                            MeterResponse r = meter.authrep(Fixture.call("a1", "k1", Map.of(metric, 1L)))
                                    .toCompletableFuture().join();
                            if (r.authorized()) {
                                admittedHits.computeIfAbsent(r.reports().get(0).periodStart(), k -> new LongAdder())
                                        .increment();
                            }
                        }
                        windowOver.await();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(admittedHits).hasSize(2);
        assertThat(admittedHits.values()).allSatisfy(count -> assertThat(count.sum()).isEqualTo(LIMIT));
        assertThat(stats.total(30, 100)).isEqualTo(2 * LIMIT);
        assertThat(stats.total(30, 101)).as("search never passed its own limit").isLessThanOrEqualTo(LIMIT);
    }
}
