package io.tollgate.meter;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract on the Redis at 127.0.0.1:6379 (or {@code -Dtollgate.redis.uri}); fails, never skips,
 * when Redis is down. Accuracy with several gateways: {@link RedisSharedCounterIT}.
 */
class RedisCounterStoreIT extends CounterStoreContract {
    private static final String URI = System.getProperty("tollgate.redis.uri", "redis://127.0.0.1:6379");
    private static Vertx vertx;
    private static RedisCounterStore store;
    private static Redis admin;
    private final List<String> keys = new ArrayList<>();

    @BeforeAll
    static void connect() throws Exception {
        vertx = Vertx.vertx();
        admin = Redis.createClient(vertx, URI);
        Response pong = admin.send(Request.cmd(Command.PING)).await(5, TimeUnit.SECONDS);
        assertThat(pong.toString()).as("Redis on " + URI + " must be running").isEqualTo("PONG");
        store = new RedisCounterStore(vertx, relaxed(URI));
    }

    /**
     * The default settings with a 5 s timeout: these tests are about counting, and on a busy build
     * machine a call can exceed 50 ms; a timed-out call whose increment still lands would make the
     * admitted count differ from Redis's.
     */
    static RedisSettings relaxed(String uri) {
        return new RedisSettings(List.of(uri), RedisSettings.Type.STANDALONE, "", RedisSettings.DEFAULT_POOL_SIZE,
                Duration.ofSeconds(5));
    }

    @AfterAll
    static void disconnect() {
        // Null when Redis was down: the failure to report is the one from connect().
        if (store != null) {
            store.close();
        }
        admin.close();
        vertx.close().await();
    }

    @Override
    CounterStore store() {
        return store;
    }

    @Override
    void created(String key) {
        keys.add(key);
    }

    /** Every key a test wrote has a TTL (C11: 0 keys without one), then the keys are deleted. */
    @AfterEach
    void everyKeyHasATtlThenClean() throws Exception {
        for (String key : keys) {
            long pttl = admin.send(Request.cmd(Command.PTTL).arg(key)).await(5, TimeUnit.SECONDS).toLong();
            // -2: never written (a denied or read-only counter); -1 would be a key without a TTL.
            assertThat(pttl == -2 || pttl > 0).as("PTTL of " + key + " = " + pttl).isTrue();
        }
        if (!keys.isEmpty()) {
            Request del = Request.cmd(Command.DEL);
            keys.forEach(del::arg);
            admin.send(del).await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void keysExpireAtTheirWindowEndAndEternityInTenYears() throws Exception {
        Counter minute = counter("hits", Period.MINUTE, 10, 1);
        Counter forever = counter("hits", Period.ETERNITY, Counter.UNLIMITED, 1);
        store.authrep(List.of(minute, forever), NOW);
        long minuteTtl = pttl(minute.key(Period.MINUTE.window(NOW)));
        long foreverTtl = pttl(forever.key(Period.ETERNITY.window(NOW)));
        // NOW is 30 s before the minute ends; the key lives that long plus the grace.
        assertThat(minuteTtl).isBetween(30_000L + RedisCounterStore.EXPIRY_GRACE.toMillis() - 5_000,
                30_000L + RedisCounterStore.EXPIRY_GRACE.toMillis());
        assertThat(foreverTtl).isGreaterThan(RedisCounterStore.ETERNITY_TTL.toMillis() - 60_000);
    }

    /** The same through transactions (one counter per authrep), and eternity's TTL is renewed by each write. */
    @Test
    void keysWrittenByTransactionsExpireTheSameWay() throws Exception {
        Counter minute = counter("alone", Period.MINUTE, 10, 1);
        Counter forever = counter("alone", Period.ETERNITY, Counter.UNLIMITED, 1);
        store.authrep(List.of(minute), NOW);
        store.authrep(List.of(forever), NOW);
        String foreverKey = forever.key(Period.ETERNITY.window(NOW));
        assertThat(pttl(minute.key(Period.MINUTE.window(NOW)))).isBetween(
                30_000L + RedisCounterStore.EXPIRY_GRACE.toMillis() - 5_000,
                30_000L + RedisCounterStore.EXPIRY_GRACE.toMillis());
        assertThat(pttl(foreverKey)).isGreaterThan(RedisCounterStore.ETERNITY_TTL.toMillis() - 60_000);

        admin.send(Request.cmd(Command.PEXPIRE).arg(foreverKey).arg(60_000)).await(5, TimeUnit.SECONDS);
        store.authrep(List.of(forever), NOW);
        assertThat(pttl(foreverKey)).as("eternity TTL after the next write")
                .isGreaterThan(RedisCounterStore.ETERNITY_TTL.toMillis() - 60_000);
        // A window's key keeps the TTL it got when created (its end does not move): a write 20 s later
        // would have set 10 s + the grace.
        store.authrep(List.of(minute), NOW.plusSeconds(20));
        assertThat(pttl(minute.key(Period.MINUTE.window(NOW)))).isGreaterThan(
                30_000L + RedisCounterStore.EXPIRY_GRACE.toMillis() - 5_000);
    }

    /**
     * A key that vanished between two authreps (a restart without persistence, a flush, an operator's
     * DEL) is re-created by the next increment; it has its TTL from that very transaction, not from a
     * later command a dying meter might never send.
     */
    @Test
    void aKeyThatVanishedIsRecreatedWithItsTtl() throws Exception {
        Counter minute = counter("hits", Period.MINUTE, 10, 1);
        Counter twoLimits = counter("search", Period.MINUTE, 10, 1);
        String hits = minute.key(Period.MINUTE.window(NOW));
        String search = twoLimits.key(Period.MINUTE.window(NOW));
        store.authrep(List.of(minute), NOW);
        store.authrep(List.of(minute, twoLimits), NOW);
        admin.send(Request.cmd(Command.DEL).arg(hits).arg(search)).await(5, TimeUnit.SECONDS);

        assertThat(store.authrep(List.of(minute), NOW).values()).containsExactly(1L);
        assertThat(pttl(hits)).as("PTTL after a transaction re-created the key").isPositive();
        admin.send(Request.cmd(Command.DEL).arg(hits)).await(5, TimeUnit.SECONDS);
        assertThat(store.authrep(List.of(minute, twoLimits), NOW).values()).containsExactly(1L, 1L);
        assertThat(pttl(hits)).as("PTTL after the script re-created the key").isPositive();
        assertThat(pttl(search)).isPositive();
    }

    @Test
    void reloadsTheScriptAfterScriptFlush() throws Exception {
        // Two counted keys: this authrep takes the script (one counter alone would be a transaction).
        Counter hits = counter("hits", Period.MINUTE, 10, 1);
        Counter day = counter("hits", Period.DAY, 10, 1);
        store.authrep(List.of(hits, day), NOW);
        admin.send(Request.cmd(Command.SCRIPT).arg("FLUSH")).await(5, TimeUnit.SECONDS);
        assertThat(store.authrep(List.of(hits, day), NOW).values()).containsExactly(2L, 2L);
    }

    @Test
    void deniedAuthrepCreatesNoKey() throws Exception {
        Counter zero = counter("zero", Period.DAY, 0, 1);
        assertThat(store.authrep(List.of(zero), Instant.now()).allowed()).isFalse();
        assertThat(pttl(zero.key(Period.DAY.window(Instant.now())))).isEqualTo(-2L);
    }

    @Test
    void asyncCallsRunConcurrentlyWithoutBlockingTheCaller() {
        Counter hits = counter("hits", Period.MINUTE, 150, 1);
        List<CompletableFuture<Decision>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(store.authrepAsync(List.of(hits), NOW).toCompletableFuture());
        }
        List<Long> admitted = calls.stream().map(CompletableFuture::join).filter(Decision::allowed)
                .map(d -> d.values().get(0)).sorted().toList();
        assertThat(admitted).hasSize(150).startsWith(1L, 2L).endsWith(150L).doesNotHaveDuplicates();
        assertThat(store.readAsync(List.of(hits), NOW).toCompletableFuture().join().values()).containsExactly(150L);
    }

    @Test
    void refusesASynchronousCallOnAnEventLoop() throws Exception {
        Counter hits = counter("hits", Period.MINUTE, 10, 1);
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            try {
                store.authrep(List.of(hits), NOW);
                thrown.complete(null);
            } catch (RuntimeException e) {
                thrown.complete(e);
            }
        });
        assertThat(thrown.get(5, TimeUnit.SECONDS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("synchronous call on an event loop");
    }

    private static long pttl(String key) throws Exception {
        return admin.send(Request.cmd(Command.PTTL).arg(key)).await(5, TimeUnit.SECONDS).toLong();
    }
}
