package io.tollgate.gateway.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.gateway.config.JsonFields;
import io.tollgate.gateway.testing.ProductJson;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The in-memory limiters without a gateway: exactness under concurrency, windows, buckets, sweeping. */
class LocalLimiterStoreTest {
    private static final long T0 = 1_781_086_530_000L; // a whole second

    static Limiter fixed(String name, long count, long window) {
        return Limiter.parse(Limiter.Kind.FIXED_WINDOW, JsonFields.of(ProductJson.JSON.createObjectNode()
                .put("count", count).put("window", window).set("key", ProductJson.JSON.createObjectNode()
                        .put("name", name)), "fixed_window_limiters[0]"), 7);
    }

    static Limiter bucket(String name, long rate, long burst) {
        return Limiter.parse(Limiter.Kind.LEAKY_BUCKET, JsonFields.of(ProductJson.JSON.createObjectNode()
                .put("rate", rate).put("burst", burst).set("key", ProductJson.JSON.createObjectNode()
                        .put("name", name)), "leaky_bucket_limiters[0]"), 7);
    }

    private static Verdict acquire(LocalLimiterStore store, long now, Limiter... limiters) {
        String[] keys = new String[limiters.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = limiters[i].prefix() + limiters[i].name().plainText();
        }
        return store.acquire(limiters, keys, now, 1);
    }

    @Test
    void sixtyFourThreadsAtLimitLAdmitExactlyLPerWindow() throws Exception {
        LocalLimiterStore store = new LocalLimiterStore();
        Limiter limiter = fixed("hot", 1000, 60);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            for (long window = 0; window < 3; window++) {
                long now = T0 + window * 60_000;
                AtomicInteger admitted = new AtomicInteger();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 64; t++) {
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < 500; i++) {
                            if (acquire(store, now, limiter).admitted()) {
                                admitted.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get();
                }
                assertThat(admitted.get()).as("window %d", window).isEqualTo(1000);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWindowEndsOnItsBoundaryAndSaysWhenToRetry() {
        LocalLimiterStore store = new LocalLimiterStore();
        Limiter limiter = fixed("w", 2, 10);
        long start = T0 - T0 % 10_000; // a window boundary

        assertThat(acquire(store, start + 1_000, limiter).admitted()).isTrue();
        assertThat(acquire(store, start + 2_000, limiter).admitted()).isTrue();
        Verdict refused = acquire(store, start + 7_500, limiter);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(3);
        assertThat(acquire(store, start + 10_000, limiter).admitted()).isTrue();
    }

    @Test
    void aLeakyBucketDelaysTheBurstAndRefusesBeyondIt() {
        LocalLimiterStore store = new LocalLimiterStore();
        Limiter limiter = bucket("b", 10, 2); // 10 a second, 2 more delayed

        assertThat(acquire(store, T0, limiter).delayMillis()).isZero();
        assertThat(acquire(store, T0, limiter).delayMillis()).isEqualTo(100);
        assertThat(acquire(store, T0, limiter).delayMillis()).isEqualTo(200);
        Verdict refused = acquire(store, T0, limiter);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        // 200 ms later two requests have leaked away
        assertThat(acquire(store, T0 + 200, limiter).delayMillis()).isEqualTo(100);
    }

    @Test
    void aRequestRefusedByOneLimiterCountsInNone() {
        LocalLimiterStore store = new LocalLimiterStore();
        Limiter wide = fixed("wide", 10, 60);
        Limiter narrow = fixed("narrow", 1, 60);

        assertThat(acquire(store, T0, wide, narrow).admitted()).isTrue();
        for (int i = 0; i < 20; i++) {
            assertThat(acquire(store, T0, wide, narrow).admitted()).isFalse();
        }

        // wide counted only the admitted request: 9 left
        int left = 0;
        while (acquire(store, T0, wide).admitted()) {
            left++;
        }
        assertThat(left).isEqualTo(9);
    }

    @Test
    void theSweepForgetsEndedWindowsAndDrainedBuckets() {
        LocalLimiterStore store = new LocalLimiterStore();
        for (int i = 0; i < 1000; i++) {
            acquire(store, T0, fixed("client-" + i, 5, 1));
            acquire(store, T0, bucket("client-" + i, 100, 0));
        }
        assertThat(store.size()).isEqualTo(2000);

        store.sweep(T0 + 5);
        assertThat(store.size()).isEqualTo(2000); // windows open; a request now would still be delayed

        store.sweep(T0 + 500);
        assertThat(store.size()).isEqualTo(1000); // the buckets drained (100 a second), the windows are open

        store.sweep(T0 + 1_000);
        assertThat(store.size()).isZero();
    }

    @Test
    void sweepingWhileCountingLosesNoCount() throws Exception {
        LocalLimiterStore store = new LocalLimiterStore();
        Limiter limiter = fixed("swept", 100_000, 1);
        long now = T0;
        AtomicInteger admitted = new AtomicInteger();
        Thread sweeper = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                store.sweep(now + 5_000); // treats the window as ended: worst case for the race
            }
        });
        sweeper.start();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        if (acquire(store, now, limiter).admitted()) {
                            admitted.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            sweeper.interrupt();
            sweeper.join();
            pool.shutdownNow();
        }
        assertThat(admitted.get()).isEqualTo(16_000); // all under the limit: none refused
    }
}
