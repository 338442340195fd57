package io.tollgate.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RedisCounterStore}'s batching on a redis-server of the test's own: concurrent authreps share
 * script calls, sequential ones go alone, and a batch gives exactly the results of running its authreps
 * one by one. {@code CLIENT PAUSE} holds the first calls in Redis so that the rest queue behind them
 * and deterministically leave together in one batch.
 */
class RedisBatchingIT extends OwnRedisTest {
    private static final Duration RELAXED = Duration.ofSeconds(5);
    private static final int IN_FLIGHT = RedisCounterStore.DEFAULT_MAX_IN_FLIGHT_BATCHES;


    private final Instant now = Instant.now();
    private final String prefix = "tg:{" + UUID.randomUUID() + "}:";
    private RedisCounterStore store;

    @AfterEach
    void disconnect() {
        if (store != null) {
            store.close();
        }
    }

    private RedisCounterStore connect(Duration timeout) throws Exception {
        store = new RedisCounterStore(vertx, new RedisSettings(List.of(server.url()), RedisSettings.Type.STANDALONE,
                "", RedisSettings.DEFAULT_POOL_SIZE, timeout));
        store.preload(Duration.ofSeconds(10)).toCompletableFuture().get();
        return store;
    }

    private Counter counter(String name, long limit) {
        return new Counter(prefix + name, Period.MINUTE, limit, 1);
    }

    @Test
    void rejectsBatchingSettingsBelowOne() {
        RedisSettings settings = RedisSettings.standalone(server.url());
        assertThatThrownBy(() -> new RedisCounterStore(vertx, settings, 0, 128))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxInFlightBatches: 0 (expected: >= 1)");
        assertThatThrownBy(() -> new RedisCounterStore(vertx, settings, 8, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxBatch: 0 (expected: >= 1)");
    }

    @Test
    void withMaxBatchOneEveryAuthrepIsAScriptCallOfItsOwn() throws Exception {
        store = new RedisCounterStore(vertx, new RedisSettings(List.of(server.url()), RedisSettings.Type.STANDALONE,
                "", RedisSettings.DEFAULT_POOL_SIZE, RELAXED), 1, 1);
        Counter hits = counter("hits", Counter.UNLIMITED);
        server.pause(200);
        List<CompletableFuture<Decision>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(store.authrepAsync(List.of(hits), now).toCompletableFuture());
        }
        assertThat(calls.stream().map(f -> f.join().values().get(0)).sorted())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
        assertThat(store.scriptCalls()).isEqualTo(10);
    }

    @Test
    void sequentialCallsSendOneScriptCallEach() throws Exception {
        connect(RELAXED);
        Counter hits = counter("hits", 100);
        for (long i = 1; i <= 20; i++) {
            assertThat(store.authrep(List.of(hits), now).values()).containsExactly(i);
        }
        assertThat(store.authrepsSent()).isEqualTo(20);
        assertThat(store.scriptCalls()).isEqualTo(20);
    }

    @Test
    void sixtyFourConcurrentCallersShareScriptCallsAndCountExactly() throws Exception {
        connect(RELAXED);
        Counter hits = counter("hits", Counter.UNLIMITED);
        int threads = 64;
        int each = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        store.authrep(List.of(hits), now);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        long authreps = (long) threads * each;
        System.out.printf("%d authreps from %d threads in %d script calls%n", authreps, threads, store.scriptCalls());
        assertThat(store.authrepsSent()).isEqualTo(authreps);
        assertThat(store.scriptCalls()).as("script calls for %d concurrent authreps", authreps).isLessThan(authreps);
        assertThat(store.read(List.of(hits), now).values()).containsExactly(authreps);
    }

    @Test
    void aBatchOfAllowedAndDeniedAuthrepsGivesTheSequentialResults() throws Exception {
        connect(RELAXED);
        Counter ten = counter("ten", 10);
        server.pause(300);
        List<CompletableFuture<Decision>> calls = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            calls.add(store.authrepAsync(List.of(ten), now).toCompletableFuture());
        }
        List<Decision> decisions = calls.stream().map(CompletableFuture::join).toList();

        // The first IN_FLIGHT went alone and waited out the pause; the other 56 left together.
        assertThat(store.authrepsSent()).isEqualTo(64);
        assertThat(store.scriptCalls()).isBetween((long) IN_FLIGHT + 1, (long) IN_FLIGHT + 4);
        List<Long> admitted = decisions.stream().filter(Decision::allowed).map(d -> d.values().get(0)).sorted()
                .toList();
        assertThat(admitted).containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
        assertThat(decisions.stream().filter(d -> !d.allowed())).hasSize(54).allSatisfy(d -> {
            assertThat(d.values()).as("unchanged value of a denied authrep").containsExactly(10L);
            assertThat(d.exceeded()).containsExactly(0);
        });
        assertThat(store.read(List.of(ten), now).values()).containsExactly(10L);
    }

    @Test
    void aBatchAfterScriptFlushIsSentAgainWithEval() throws Exception {
        connect(RELAXED);
        Counter hits = counter("hits", Counter.UNLIMITED);
        assertThat(server.command("SCRIPT FLUSH")).isEqualTo("+OK");
        server.pause(200);
        List<CompletableFuture<Decision>> calls = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT + 12; i++) {
            calls.add(store.authrepAsync(List.of(hits), now).toCompletableFuture());
        }
        assertThat(calls.stream().map(f -> f.join().values().get(0)).sorted())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, IN_FLIGHT + 12).boxed().toList());
        assertThat(store.scriptCalls()).as("the last 12 went as one batch").isLessThan(IN_FLIGHT + 12);
        // An empty batch by its SHA: an empty array now that EVAL has cached the script again, not NOSCRIPT.
        assertThat(server.command("EVALSHA " + LuaAuthrep.BATCH_SHA + " 0 0")).isEqualTo("*0");
    }

    @Test
    void anAuthrepThatFailsInABatchFailsAloneAndTheOthersAreCounted() throws Exception {
        connect(RELAXED);
        Counter hits = counter("hits", 100);
        Counter broken = counter("broken", 100);
        assertThat(server.command("SET " + broken.key(Period.MINUTE.window(now)) + " not-a-number")).isEqualTo("+OK");
        server.pause(300);
        List<CompletableFuture<Decision>> good = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT + 5; i++) {
            good.add(store.authrepAsync(List.of(hits), now).toCompletableFuture());
        }
        CompletableFuture<Decision> bad = store.authrepAsync(List.of(hits, broken), now).toCompletableFuture();
        for (int i = 0; i < 5; i++) {
            good.add(store.authrepAsync(List.of(hits), now).toCompletableFuture());
        }

        List<Long> values = good.stream().map(f -> f.join().values().get(0)).sorted().toList();
        assertThat(values).containsExactlyElementsOf(LongStream.rangeClosed(1, good.size()).boxed().toList());
        assertThat(bad).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .havingCause().isInstanceOf(RedisCounterStore.RedisFailure.class)
                .withMessageStartingWith("redis: ");
        assertThat(store.scriptCalls()).as("the failing authrep was batched").isLessThan(store.authrepsSent());
        assertThat(store.read(List.of(hits), now).values()).containsExactly((long) good.size());
    }

    @Test
    void aBatchWithoutAnswerFailsItsAuthrepsWithinTheTimeoutAndMayLandLater() throws Exception {
        Duration timeout = Duration.ofMillis(50);
        long bound = timeout.toMillis() + 40;
        connect(timeout);
        Counter hits = counter("hits", Counter.UNLIMITED);
        server.pause(1_000);
        List<CompletableFuture<Long>> elapsed = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long began = System.nanoTime();
            elapsed.add(store.authrepAsync(List.of(hits), now).toCompletableFuture().handle((d, e) -> {
                assertThat(e).isInstanceOf(RedisCounterStore.RedisFailure.class)
                        .hasMessage("redis: no reply within 50 ms");
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
            }));
        }
        for (CompletableFuture<Long> f : elapsed) {
            assertThat(f.get(5, TimeUnit.SECONDS)).as("ms until the authrep failed").isLessThanOrEqualTo(bound);
        }

        // What was sent before the deadlines ran out is applied once the pause ends; nothing else is.
        long sent = store.authrepsSent();
        assertThat(sent).isBetween((long) IN_FLIGHT, 30L);
        // Reads time out, too, while the pause lasts.
        await().atMost(Duration.ofSeconds(5)).ignoreExceptionsInstanceOf(RedisCounterStore.RedisFailure.class)
                .untilAsserted(() -> assertThat(store.read(List.of(hits), now).values()).containsExactly(sent));
    }
}
