package io.tollgate.meter.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.meter.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class UsageBufferTest {
    private final UsageBuffer buffer = new UsageBuffer();

    @Test
    void drainingWhileEightThreadsAddLosesAndDuplicatesNothing() throws Exception {
        int threads = 8;
        int perThread = 100_000;
        List<Bucket> buckets = List.of(new Bucket(1, 1, Period.HOUR, 0), new Bucket(1, 1, Period.DAY, 0),
                new Bucket(2, 1, Period.HOUR, 3600));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long drained = 0;
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        buffer.add(buckets.get(i % buckets.size()), 1);
                    }
                    return null;
                }));
            }
            go.countDown();
            // Drain continuously, as the flush does, so cells are sealed and removed under the adders' feet.
            while (done.stream().anyMatch(f -> !f.isDone())) {
                drained += buffer.drain().values().stream().mapToLong(Long::longValue).sum();
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        drained += buffer.drain().values().stream().mapToLong(Long::longValue).sum();
        assertThat(drained).isEqualTo((long) threads * perThread);
        assertThat(buffer.drain()).isEmpty();
    }

    @Test
    void dropsTheBucketsThatEndedFirstAndCountsOnlyNonEmptyOnes() {
        Bucket day = new Bucket(1, 1, Period.DAY, 0);
        Bucket hour0 = new Bucket(1, 1, Period.HOUR, 0);
        Bucket hour1 = new Bucket(1, 1, Period.HOUR, 3600);
        buffer.add(day, 5);
        buffer.add(hour1, 2);
        buffer.add(hour0, 3);

        assertThat(buffer.dropOldest(2)).isEqualTo(1);
        assertThat(buffer.get(hour0)).isZero();
        assertThat(buffer.get(hour1)).isEqualTo(2);
        assertThat(buffer.get(day)).isEqualTo(5);
        assertThat(buffer.pending()).isEqualTo(2);
        assertThat(buffer.dropOldest(2)).isZero();
    }
}
