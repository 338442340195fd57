package io.tollgate.meter.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.meter.MutableClock;
import io.tollgate.meter.Period;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MemoryUsageStatsTest {
    private static final Instant T0 = Instant.parse("2024-03-10T12:00:00Z");
    private static final long APP = 7;
    private static final long HITS = 1;
    private static final long SEARCH = 2;

    private final MutableClock clock = new MutableClock(T0);
    private final MemoryUsageStats stats = new MemoryUsageStats(clock);

    @Test
    void countsIntoTheHourAndDayContainingTheCallAcrossBoundaries() {
        stats.record(1, APP, Map.of(HITS, 1L), Instant.parse("2024-03-10T22:59:59.999Z"));
        stats.record(1, APP, Map.of(HITS, 2L), Instant.parse("2024-03-10T23:00:00Z"));
        stats.record(1, APP, Map.of(HITS, 4L), Instant.parse("2024-03-10T23:59:59Z"));
        stats.record(1, APP, Map.of(HITS, 8L), Instant.parse("2024-03-11T00:00:00Z"));

        assertThat(stats.series(APP, HITS, Period.HOUR,
                Instant.parse("2024-03-10T22:30:00Z"), Instant.parse("2024-03-11T00:10:00Z")))
                .containsExactly(1L, 6L, 8L);
        assertThat(stats.series(APP, HITS, Period.DAY,
                Instant.parse("2024-03-10T00:00:00Z"), Instant.parse("2024-03-11T23:59:59Z")))
                .containsExactly(7L, 8L);
    }

    @Test
    void keepsMetricsAndAppsApart() {
        stats.record(1, APP, Map.of(HITS, 3L, SEARCH, 1L), T0);
        stats.record(1, APP + 1, Map.of(HITS, 5L), T0);

        assertThat(stats.series(APP, HITS, Period.HOUR, T0, T0)).containsExactly(3L);
        assertThat(stats.series(APP, SEARCH, Period.HOUR, T0, T0)).containsExactly(1L);
        assertThat(stats.series(APP + 1, HITS, Period.DAY, T0, T0)).containsExactly(5L);
    }

    @Test
    void fillsEmptyBucketsWithZeros() {
        stats.record(1, APP, Map.of(HITS, 2L), T0.plus(Duration.ofHours(2)));

        assertThat(stats.series(APP, HITS, Period.HOUR, T0, T0.plus(Duration.ofHours(4))))
                .containsExactly(0L, 0L, 2L, 0L, 0L);
        assertThat(stats.series(APP + 99, HITS, Period.DAY, T0, T0)).containsExactly(0L);
    }

    @Test
    void rejectsOtherGranularitiesReversedRangesAndTooManyBuckets() {
        assertThatThrownBy(() -> stats.series(APP, HITS, Period.MINUTE, T0, T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("granularity: minute (expected: hour or day)");
        assertThatThrownBy(() -> stats.series(APP, HITS, Period.HOUR, T0.plusSeconds(1), T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("since: 2024-03-10T12:00:01Z (expected: <= until 2024-03-10T12:00:00Z)");
        Instant until = T0.plus(Duration.ofHours(UsageBuckets.MAX_SERIES_BUCKETS));
        assertThatThrownBy(() -> stats.series(APP, HITS, Period.HOUR, T0, until))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("since..until: 10001 hour buckets")
                .hasMessageEndingWith("(expected: at most 10000)");
        assertThat(stats.series(APP, HITS, Period.HOUR, T0, until.minus(Duration.ofHours(1))))
                .hasSize(UsageBuckets.MAX_SERIES_BUCKETS);
    }

    @Test
    void sweepsHourBucketsAfterNinetyDaysAndKeepsDayBuckets() {
        stats.record(1, APP, Map.of(HITS, 1L), T0);
        assertThat(stats.size()).isEqualTo(2);

        clock.set(T0.plus(UsageBuckets.HOUR_RETENTION).plusSeconds(1));
        stats.record(1, APP, Map.of(SEARCH, 1L), clock.instant());

        assertThat(stats.size()).isEqualTo(3);
        assertThat(stats.series(APP, HITS, Period.HOUR, T0, T0)).containsExactly(0L);
        assertThat(stats.series(APP, HITS, Period.DAY, T0, T0)).containsExactly(1L);

        clock.set(T0.plus(UsageBuckets.DAY_RETENTION));
        stats.record(1, APP, Map.of(SEARCH, 1L), clock.instant());
        assertThat(stats.series(APP, HITS, Period.DAY, T0, T0)).containsExactly(0L);
    }

    @Test
    void sweepsAtMostOncePerMinute() {
        Instant nextHour = T0.plus(Duration.ofHours(1));
        stats.record(1, APP, Map.of(HITS, 1L), T0);
        stats.record(1, APP, Map.of(HITS, 1L), nextHour);
        // T0's hour has expired, nextHour's has 30 s left: this record sweeps T0's hour only.
        clock.set(nextHour.plus(UsageBuckets.HOUR_RETENTION).minusSeconds(30));
        Instant late = clock.instant();
        stats.record(1, APP, Map.of(SEARCH, 1L), late);
        assertThat(stats.series(APP, HITS, Period.HOUR, T0, nextHour)).containsExactly(0L, 1L);
        assertThat(stats.size()).as("hits day, hits next hour, search hour and day").isEqualTo(4);

        clock.advance(Duration.ofSeconds(31));
        stats.record(1, APP, Map.of(SEARCH, 1L), late);
        assertThat(stats.size()).as("no sweep 31 s after the last one").isEqualTo(4);

        clock.advance(Duration.ofSeconds(30));
        stats.record(1, APP, Map.of(SEARCH, 1L), late);
        assertThat(stats.size()).isEqualTo(3);
        assertThat(stats.series(APP, HITS, Period.HOUR, nextHour, nextHour)).containsExactly(0L);
        assertThat(stats.series(APP, SEARCH, Period.HOUR, late, late)).containsExactly(3L);
    }

    @Test
    void ignoresUsageForBucketsAlreadyPastRetention() {
        clock.set(T0.plus(UsageBuckets.HOUR_RETENTION));
        stats.record(1, APP, Map.of(HITS, 1L), T0);

        assertThat(stats.series(APP, HITS, Period.HOUR, T0, T0)).containsExactly(0L);
        assertThat(stats.series(APP, HITS, Period.DAY, T0, T0)).containsExactly(1L);
    }

    @Test
    void eightThreadsRecordingAtOnceSumExactly() throws Exception {
        int threads = 8;
        int perThread = 50_000;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        stats.record(1, APP, Map.of(HITS, 1L, SEARCH, 3L), T0.plusSeconds(i % 7200));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        long total = (long) threads * perThread;
        List<Long> hours = stats.series(APP, HITS, Period.HOUR, T0, T0.plusSeconds(7199));
        assertThat(hours.stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
        assertThat(stats.series(APP, HITS, Period.DAY, T0, T0)).containsExactly(total);
        assertThat(stats.series(APP, SEARCH, Period.DAY, T0, T0)).containsExactly(3 * total);
    }
}
