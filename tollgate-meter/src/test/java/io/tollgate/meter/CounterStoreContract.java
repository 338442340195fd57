package io.tollgate.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link CounterStore} must have; subclasses supply the store. */
abstract class CounterStoreContract {
    static final Instant NOW = Instant.parse("2026-03-04T10:15:30Z");

    /** A unique prefix per test, so runs never see each other's keys. */
    String prefix;

    abstract CounterStore store();

    /** Records a full key the test created, so the subclass can check and clean it. */
    void created(String key) {
    }

    @BeforeEach
    void newPrefix() {
        prefix = "test:" + UUID.randomUUID() + ":";
    }

    Counter counter(String metric, Period period, long limit, long delta) {
        Counter c = new Counter(prefix + metric, period, limit, delta);
        created(c.key(period.window(NOW)));
        return c;
    }

    @Test
    void allowsUpToTheLimitAndReturnsNewValues() {
        Counter hits = counter("hits", Period.MINUTE, 3, 2);
        Decision first = store().authrep(List.of(hits), NOW);
        assertThat(first.allowed()).isTrue();
        assertThat(first.values()).containsExactly(2L);
        assertThat(first.exceeded()).isEmpty();
        Counter one = new Counter(hits.prefix(), Period.MINUTE, 3, 1);
        assertThat(store().authrep(List.of(one), NOW).values()).containsExactly(3L);
    }

    @Test
    void deniesWhenCurrentPlusDeltaPassesTheLimitAndChangesNothing() {
        Counter hits = counter("hits", Period.HOUR, 5, 4);
        assertThat(store().authrep(List.of(hits), NOW).allowed()).isTrue();
        Decision denied = store().authrep(List.of(hits), NOW);
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.values()).containsExactly(4L);
        assertThat(denied.exceeded()).containsExactly(0);
        assertThat(store().read(List.of(hits), NOW)).containsEntry(hits.key(Period.HOUR.window(NOW)), 4L);
    }

    @Test
    void rejectsEveryCounterWhenOneExceedsAndReportsWhich() {
        Counter hits = counter("hits", Period.DAY, 100, 1);
        Counter search = counter("search", Period.MINUTE, 1, 1);
        Counter month = counter("hits", Period.MONTH, Counter.UNLIMITED, 1);
        assertThat(store().authrep(List.of(hits, search, month), NOW).values()).containsExactly(1L, 1L, 1L);
        Decision denied = store().authrep(List.of(hits, search, month), NOW);
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.exceeded()).containsExactly(1);
        assertThat(denied.values()).containsExactly(1L, 1L, 1L);
        assertThat(store().read(List.of(hits, search, month), NOW).values()).containsExactly(1L, 1L, 1L);
    }

    @Test
    void reportsEveryExceededCounter() {
        Counter a = counter("a", Period.MINUTE, 0, 1);
        Counter b = counter("b", Period.MINUTE, 10, 1);
        Counter c = counter("c", Period.MINUTE, 0, 2);
        Decision denied = store().authrep(List.of(a, b, c), NOW);
        assertThat(denied.exceeded()).containsExactly(0, 2);
        assertThat(store().read(List.of(a, b, c), NOW).values()).containsExactly(0L, 0L, 0L);
    }

    @Test
    void unlimitedCounterOnlyCounts() {
        Counter hits = counter("hits", Period.ETERNITY, Counter.UNLIMITED, 1_000_000_000L);
        for (int i = 1; i <= 3; i++) {
            Decision d = store().authrep(List.of(hits), NOW);
            assertThat(d.allowed()).isTrue();
            assertThat(d.values()).containsExactly(i * 1_000_000_000L);
        }
    }

    @Test
    void unknownCounterReadsZero() {
        Counter never = counter("never", Period.YEAR, 1, 1);
        assertThat(store().read(List.of(never), NOW).values()).containsExactly(0L);
    }

    @Test
    void nextWindowStartsFromZero() {
        Counter hits = counter("hits", Period.MINUTE, 2, 2);
        Instant last = Instant.parse("2026-03-04T10:15:59.999Z");
        Instant next = Instant.parse("2026-03-04T10:16:00Z");
        created(hits.key(Period.MINUTE.window(next)));
        assertThat(store().authrep(List.of(hits), last).allowed()).isTrue();
        assertThat(store().authrep(List.of(hits), last).allowed()).isFalse();
        Decision fresh = store().authrep(List.of(hits), next);
        assertThat(fresh.allowed()).isTrue();
        assertThat(fresh.values()).containsExactly(2L);
        assertThat(store().read(List.of(hits), last).values()).containsExactly(2L);
    }

    @Test
    void admitsExactlyTheLimitUnderContention() throws Exception {
        Counter hits = counter("hits", Period.DAY, 1_000, 1);
        Counter total = counter("total", Period.DAY, Counter.UNLIMITED, 1);
        int threads = 16;
        int tries = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                Callable<Integer> worker = () -> {
                    start.await();
                    int admitted = 0;
                    for (int i = 0; i < tries; i++) {
                        if (store().authrep(List.of(hits, total), NOW).allowed()) {
                            admitted++;
                        }
                    }
                    return admitted;
                };
                results.add(pool.submit(worker));
            }
            start.countDown();
            int admitted = 0;
            for (Future<Integer> r : results) {
                admitted += r.get();
            }
            assertThat(admitted).isEqualTo(1_000);
            assertThat(store().read(List.of(hits, total), NOW).values()).containsExactly(1_000L, 1_000L);
        } finally {
            pool.shutdownNow();
        }
    }
}
