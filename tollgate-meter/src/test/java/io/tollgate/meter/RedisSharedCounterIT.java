package io.tollgate.meter;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * reliability.md C11 on the shared Redis: four gateways (four {@link RedisCounterStore}s, each on its
 * own Vert.x instance) and 64 threads hammer one counter; exactly the limit is admitted in the window,
 * and afterwards every key the test wrote has a TTL.
 */
class RedisSharedCounterIT {
    private static final String URI = System.getProperty("tollgate.redis.uri", "redis://127.0.0.1:6379");
    private static final int GATEWAYS = 4;
    private static final int THREADS = 64;

    private static final List<Vertx> vertxes = new ArrayList<>();
    private static final List<RedisCounterStore> gateways = new ArrayList<>();
    private static Redis admin;

    /** Hash-tagged like the engine's keys, unique per test so runs never see each other's keys. */
    private final String prefix = "tg:{it-" + UUID.randomUUID() + "}:";

    @BeforeAll
    static void connect() throws Exception {
        for (int i = 0; i < GATEWAYS; i++) {
            Vertx vertx = Vertx.vertx();
            vertxes.add(vertx);
            RedisCounterStore store = new RedisCounterStore(vertx, RedisCounterStoreIT.relaxed(URI));
            store.preload(java.time.Duration.ofSeconds(10)).toCompletableFuture().get();
            gateways.add(store);
        }
        admin = Redis.createClient(vertxes.get(0), URI);
    }

    @AfterAll
    static void disconnect() {
        gateways.forEach(RedisCounterStore::close);
        if (admin != null) {
            admin.close();
        }
        vertxes.forEach(v -> v.close().await());
    }

    @Test
    void fourGatewaysAndSixtyFourThreadsAdmitExactlyTheLimit() throws Exception {
        hammer(1_000, 10_000);
    }

    @ParameterizedTest
    @ValueSource(longs = {10, 100})
    void smallLimitsAreExactToo(long limit) throws Exception {
        hammer(limit, 1_000);
    }

    /**
     * Half the threads send the counter alone (a transaction of plain commands), half together with a
     * second counted key (the script): both paths on one key, and still exactly the limit.
     */
    @Test
    void transactionsAndScriptsOnOneCounterAdmitExactlyTheLimit() throws Exception {
        Counter hits = new Counter(prefix + "hits", Period.MINUTE, 1_000, 1);
        Counter total = new Counter(prefix + "total", Period.MINUTE, Counter.UNLIMITED, 1);
        Instant now = Instant.now();
        long[] admitted = run(t -> t % 2 == 0 ? List.of(hits) : List.of(hits, total), 2_000, now);
        assertThat(admitted[0]).isEqualTo(1_000);
        assertThat(gateways.get(0).read(List.of(hits), now).values()).containsExactly(1_000L);
    }

    /**
     * Deltas of 1 to 5 at random: a denied call's increment is visible until it is taken back, so a
     * call that would fit can be refused meanwhile — but only once the window holds more than the limit
     * minus the largest delta (docs/decisions.md). Never more than the limit is admitted, and once all
     * calls are answered Redis holds exactly what was admitted (every increment of a denial taken back).
     */
    @ParameterizedTest
    @ValueSource(longs = {10, 1_000})
    void mixedDeltasNeverPassTheLimitAndFallShortByLessThanTheLargestDelta(long limit) throws Exception {
        int largest = 5;
        Instant now = Instant.now();
        Counter[] byDelta = new Counter[largest + 1];
        for (int d = 1; d <= largest; d++) {
            byDelta[d] = new Counter(prefix + "hits", Period.MINUTE, limit, d);
        }
        java.util.concurrent.atomic.AtomicInteger seq = new java.util.concurrent.atomic.AtomicInteger();
        long[] admitted = run(t -> List.of(byDelta[1 + Math.floorMod(seq.getAndIncrement() * 7 + t, largest)]),
                1_000, now);
        long units = admitted[1];
        assertThat(units).as("units admitted").isBetween(limit - (largest - 1), limit);
        assertThat(gateways.get(0).read(List.of(byDelta[1]), now).values()).containsExactly(units);
    }

    /** Every key under this test's prefix has a TTL (C11: 0 keys without one); then they are deleted. */
    @AfterEach
    void everyKeyHasATtlThenClean() throws Exception {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            Response page = admin.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(prefix + "*")
                    .arg("COUNT").arg(1000)).await(5, TimeUnit.SECONDS);
            cursor = page.get(0).toString();
            page.get(1).forEach(k -> keys.add(k.toString()));
        } while (!cursor.equals("0"));
        assertThat(keys).as("keys written under " + prefix).isNotEmpty();
        for (String key : keys) {
            long pttl = admin.send(Request.cmd(Command.PTTL).arg(key)).await(5, TimeUnit.SECONDS).toLong();
            assertThat(pttl).as("PTTL of " + key).isPositive();
        }
        Request del = Request.cmd(Command.DEL);
        keys.forEach(del::arg);
        admin.send(del).await(5, TimeUnit.SECONDS);
    }

    /**
     * {@link #THREADS} threads, spread over the gateways, each try {@code tries} authreps of 1 on one
     * counter; all in one window (a fixed {@code now} in a one-minute period).
     */
    private void hammer(long limit, int tries) throws Exception {
        Counter hits = new Counter(prefix + "hits", Period.MINUTE, limit, 1);
        Instant now = Instant.now();
        long began = System.nanoTime();
        long[] admitted = run(t -> List.of(hits), tries, now);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        System.out.printf("limit %d: %d x %d authreps over %d gateways in %d ms (%d/s)%n", limit, THREADS,
                tries, GATEWAYS, millis, THREADS * (long) tries * 1000 / Math.max(1, millis));
        assertThat(admitted[0]).isEqualTo(limit);
        assertThat(admitted[2]).isEqualTo((long) THREADS * tries - limit);
        assertThat(gateways.get(0).read(List.of(hits), now).values()).containsExactly(limit);
    }

    /**
     * {@link #THREADS} threads, thread t on gateway {@code t % GATEWAYS}, each send {@code tries}
     * authreps of {@code counters.apply(t)}, started together. Returns {admitted calls, admitted units of
     * the first counter, denied calls}.
     */
    private long[] run(java.util.function.IntFunction<List<Counter>> counters, int tries, Instant now)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        AtomicLong calls = new AtomicLong();
        AtomicLong units = new AtomicLong();
        AtomicLong denied = new AtomicLong();
        List<Future<?>> results = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                RedisCounterStore gateway = gateways.get(t % GATEWAYS);
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < tries; i++) {
                        List<Counter> authrep = counters.apply(thread);
                        if (gateway.authrep(authrep, now).allowed()) {
                            calls.incrementAndGet();
                            units.addAndGet(authrep.get(0).delta());
                        } else {
                            denied.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> r : results) {
                r.get(5, TimeUnit.MINUTES);
            }
            return new long[] {calls.get(), units.get(), denied.get()};
        } finally {
            pool.shutdownNow();
        }
    }
}
