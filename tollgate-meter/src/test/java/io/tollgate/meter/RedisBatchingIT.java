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
 * round trips (transactions of plain commands, script calls for authreps that check several counters),
 * sequential ones go alone, and a batch gives exactly the results of running its authreps one by one.
 * {@code CLIENT PAUSE} holds the first calls in Redis so that the rest queue behind them and
 * deterministically leave together in one batch.
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

    /** Two counters that both count: such an authrep takes the script, not a transaction. */
    private List<Counter> scripted(Counter hits) {
        return List.of(hits, new Counter(prefix + "total", Period.DAY, Counter.UNLIMITED, 1));
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
    void withMaxBatchOneEveryAuthrepIsACallOfItsOwn() throws Exception {
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
        assertThat(store.calls()).isEqualTo(10);
    }

    @Test
    void sequentialCallsSendOneCallEach() throws Exception {
        connect(RELAXED);
        Counter hits = counter("hits", 100);
        for (long i = 1; i <= 20; i++) {
            assertThat(store.authrep(List.of(hits), now).values()).containsExactly(i);
        }
        assertThat(store.authrepsSent()).isEqualTo(20);
        assertThat(store.transactions()).as("one-counter authreps go without a script").isEqualTo(20);
        assertThat(store.scriptCalls()).isZero();
        for (long i = 1; i <= 5; i++) {
            assertThat(store.authrep(scripted(counter("two", 100)), now).values()).containsExactly(i, i);
        }
        assertThat(store.scriptCalls()).isEqualTo(5);
    }

    @Test
    void sixtyFourConcurrentCallersShareCallsAndCountExactly() throws Exception {
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
        System.out.printf("%d authreps from %d threads in %d calls%n", authreps, threads, store.calls());
        assertThat(store.authrepsSent()).isEqualTo(authreps);
        assertThat(store.calls()).as("calls for %d concurrent authreps", authreps).isLessThan(authreps);
        assertThat(store.read(List.of(hits), now).values()).containsExactly(authreps);
    }

    @Test
    void aBatchOfAllowedAndDeniedScriptedAuthrepsGivesTheSequentialResults() throws Exception {
        connect(RELAXED);
        Counter ten = counter("ten", 10);
        List<Decision> decisions = sixtyFourDuringAPause(scripted(ten));

        // The first IN_FLIGHT went alone and waited out the pause; the other 56 left together.
        assertThat(store.calls()).isBetween((long) IN_FLIGHT + 1, (long) IN_FLIGHT + 4);
        assertThat(store.transactions()).isZero();
        assertThat(admittedValues(decisions)).containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
        assertThat(decisions.stream().filter(d -> !d.allowed())).hasSize(54).allSatisfy(d -> {
            assertThat(d.values()).as("unchanged values of a denied authrep").containsExactly(10L, 10L);
            assertThat(d.exceeded()).containsExactly(0);
        });
        assertThat(store.read(List.of(ten), now).values()).containsExactly(10L);
    }

    /**
     * The same with one counter, so in transactions: exactly the limit is admitted and every denial's
     * increment is taken back. A denial reports the count it saw: the limit, plus the increments of
     * denials in other transactions that had landed and were not yet taken back (the eight calls that
     * went alone and the batch of the other 56 all reach Redis at the end of the pause).
     */
    @Test
    void concurrentTransactionsAdmitExactlyTheLimitAndTakeEveryDenialBack() throws Exception {
        connect(RELAXED);
        Counter ten = counter("ten", 10);
        List<Decision> decisions = sixtyFourDuringAPause(List.of(ten));

        assertThat(store.calls()).isBetween((long) IN_FLIGHT + 1, (long) IN_FLIGHT + 4);
        assertThat(store.scriptCalls()).isZero();
        assertThat(admittedValues(decisions)).containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
        assertThat(decisions.stream().filter(d -> !d.allowed())).hasSize(54).allSatisfy(d -> {
            assertThat(d.values().get(0)).as("count seen by a denied authrep").isBetween(10L, 10L + 53);
            assertThat(d.exceeded()).containsExactly(0);
        });
        assertThat(store.read(List.of(ten), now).values()).containsExactly(10L);
    }

    /** 64 authreps of {@code counters} sent while Redis is paused, then their decisions in order. */
    private List<Decision> sixtyFourDuringAPause(List<Counter> counters) throws Exception {
        server.pause(300);
        List<CompletableFuture<Decision>> calls = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            calls.add(store.authrepAsync(counters, now).toCompletableFuture());
        }
        List<Decision> decisions = calls.stream().map(CompletableFuture::join).toList();
        assertThat(store.authrepsSent()).isEqualTo(64);
        return decisions;
    }

    private static List<Long> admittedValues(List<Decision> decisions) {
        return decisions.stream().filter(Decision::allowed).map(d -> d.values().get(0)).sorted().toList();
    }

    @Test
    void aBatchAfterScriptFlushIsSentAgainWithEval() throws Exception {
        connect(RELAXED);
        Counter hits = counter("hits", 1_000);
        assertThat(server.command("SCRIPT FLUSH")).isEqualTo("+OK");
        server.pause(200);
        List<CompletableFuture<Decision>> calls = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT + 12; i++) {
            calls.add(store.authrepAsync(scripted(hits), now).toCompletableFuture());
        }
        assertThat(calls.stream().map(f -> f.join().values().get(0)).sorted())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, IN_FLIGHT + 12).boxed().toList());
        assertThat(store.scriptCalls()).as("the last 12 went as one batch").isLessThan(IN_FLIGHT + 12);
        assertThat(store.transactions()).isZero();
        // An empty batch by its SHA: an empty array now that EVAL has cached the script again, not NOSCRIPT.
        assertThat(server.command("EVALSHA " + LuaAuthrep.BATCH_SHA + " 0 0")).isEqualTo("*0");
    }

    @Test
    void anAuthrepThatFailsInAScriptBatchFailsAloneAndTheOthersAreCounted() throws Exception {
        connect(RELAXED);
        Counter hits = counter("hits", 100);
        Counter broken = counter("broken", 100);
        assertThat(server.command("SET " + broken.key(Period.MINUTE.window(now)) + " not-a-number")).isEqualTo("+OK");
        server.pause(300);
        List<CompletableFuture<Decision>> good = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT + 5; i++) {
            good.add(store.authrepAsync(scripted(hits), now).toCompletableFuture());
        }
        CompletableFuture<Decision> bad = store.authrepAsync(List.of(hits, broken), now).toCompletableFuture();
        for (int i = 0; i < 5; i++) {
            good.add(store.authrepAsync(scripted(hits), now).toCompletableFuture());
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
    void anAuthrepThatFailsInATransactionFailsAloneAndLeavesNothingBehind() throws Exception {
        connect(RELAXED);
        Counter hits = counter("hits", 100);
        Counter broken = counter("broken", Counter.UNLIMITED);
        Counter counted = counter("counted", Counter.UNLIMITED);
        assertThat(server.command("SET " + broken.key(Period.MINUTE.window(now)) + " not-a-number")).isEqualTo("+OK");
        server.pause(300);
        List<CompletableFuture<Decision>> good = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT + 5; i++) {
            good.add(store.authrepAsync(List.of(hits), now).toCompletableFuture());
        }
        // Nothing limited: a transaction of two INCRBYs, the second of which fails.
        CompletableFuture<Decision> bad = store.authrepAsync(List.of(counted, broken), now).toCompletableFuture();
        for (int i = 0; i < 5; i++) {
            good.add(store.authrepAsync(List.of(hits), now).toCompletableFuture());
        }

        List<Long> values = good.stream().map(f -> f.join().values().get(0)).sorted().toList();
        assertThat(values).containsExactlyElementsOf(LongStream.rangeClosed(1, good.size()).boxed().toList());
        assertThat(bad).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .havingCause().isInstanceOf(RedisCounterStore.RedisFailure.class)
                .withMessageContaining("not an integer");
        assertThat(store.scriptCalls()).isZero();
        assertThat(store.transactions()).as("the failing authrep was batched").isLessThan(store.authrepsSent());
        assertThat(store.read(List.of(hits, counted), now).values())
                .as("the failed authrep's first increment was taken back").containsExactly((long) good.size(), 0L);
        assertThat(Long.parseLong(server.command("PTTL " + counted.key(Period.MINUTE.window(now))).substring(1)))
                .as("TTL of the key the failed authrep created and took back").isPositive();
    }

    /**
     * Within one transaction the authreps are decided as if they ran one by one: a denied large delta
     * does not stand in the way of a later small one that fits, and each denial reports the count it saw.
     */
    @Test
    void aTransactionOfMixedDeltasGivesTheSequentialResults() throws Exception {
        connect(RELAXED);
        Counter probe = counter("probe", Counter.UNLIMITED);
        long[] deltas = {4, 4, 5, 1, 3, 2, 1, 1};
        server.pause(300);
        List<CompletableFuture<Decision>> fillers = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            fillers.add(store.authrepAsync(List.of(probe), now).toCompletableFuture());
        }
        List<CompletableFuture<Decision>> calls = new ArrayList<>();
        for (long d : deltas) {
            calls.add(store.authrepAsync(List.of(new Counter(prefix + "ten", Period.MINUTE, 10, d)), now)
                    .toCompletableFuture());
        }
        fillers.forEach(CompletableFuture::join);
        List<Decision> decisions = calls.stream().map(CompletableFuture::join).toList();

        assertThat(store.calls()).as("the eight fillers, then the mixed deltas in one transaction")
                .isEqualTo(IN_FLIGHT + 1L);
        // 4 → 4, 4 → 8, 5 denied at 8, 1 → 9, 3 denied at 9, 2 denied at 9, 1 → 10, 1 denied at 10.
        assertThat(decisions).extracting(Decision::allowed)
                .containsExactly(true, true, false, true, false, false, true, false);
        assertThat(decisions).extracting(d -> d.values().get(0))
                .containsExactly(4L, 8L, 8L, 9L, 9L, 9L, 10L, 10L);
        assertThat(store.read(List.of(new Counter(prefix + "ten", Period.MINUTE, 10, 1)), now).values())
                .containsExactly(10L);
    }

    /**
     * Once a one-counter authrep is denied, the next ones on that counter read it before adding: denied
     * without an increment to take back while it stays full, and admitted as usual once it fits again
     * (here: the limit was raised).
     */
    @Test
    void aFullCounterIsReadBeforeItIsIncrementedAgain() throws Exception {
        connect(RELAXED);
        Counter three = counter("three", 3);
        for (long i = 1; i <= 3; i++) {
            assertThat(store.authrep(List.of(three), now).values()).containsExactly(i);
        }
        long decrbys = commandCalls("decrby");
        long incrbys = commandCalls("incrby");
        assertThat(store.authrep(List.of(three), now).allowed()).isFalse();
        assertThat(commandCalls("decrby")).as("the first denial takes its increment back").isEqualTo(decrbys + 1);
        for (int i = 0; i < 5; i++) {
            Decision denied = store.authrep(List.of(three), now);
            assertThat(denied.allowed()).isFalse();
            assertThat(denied.values()).containsExactly(3L);
        }
        assertThat(commandCalls("incrby")).as("later denials only read").isEqualTo(incrbys + 1);
        assertThat(commandCalls("decrby")).isEqualTo(decrbys + 1);

        Counter raised = new Counter(three.prefix(), Period.MINUTE, 5, 1);
        assertThat(store.authrep(List.of(raised), now).values()).containsExactly(4L);
        assertThat(store.authrep(List.of(raised), now).values()).containsExactly(5L);
        assertThat(store.read(List.of(raised), now).values()).containsExactly(5L);
    }

    /** {@code cmdstat_<command>:calls} of the test's server. */
    private static long commandCalls(String command) throws Exception {
        io.vertx.redis.client.Redis client = io.vertx.redis.client.Redis.createClient(vertx, server.url());
        try {
            String info = client.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.INFO)
                    .arg("commandstats")).await(5, TimeUnit.SECONDS).toString();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("cmdstat_" + command + ":calls=(\\d+)")
                    .matcher(info);
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        } finally {
            client.close();
        }
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
