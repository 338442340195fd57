package io.tollgate.meter;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Counters in Redis, shared by every gateway. Every authrep is an atomic check-and-add that never admits
 * past a limit (reliability.md C11), in one of two ways ({@link CommandAuthrep#route}):
 * <ul>
 *   <li><b>Plain commands</b> ({@link CommandAuthrep}) when at most one counter can deny — one limit
 *       checked, the common case — or none: in a {@code MULTI}/{@code EXEC} transaction, {@code INCRBY}
 *       the counter (with {@code PEXPIRE … NX} in the same transaction), compare with the limit, and
 *       on a denial take the increment back with {@code DECRBY} in a second transaction. An admitted
 *       increment is never taken back, so the admitted count never passes the limit; a denied one is
 *       visible to other authreps for about a round trip (docs/decisions.md bounds what that costs:
 *       nothing with equal deltas, less than the largest delta otherwise).
 *   <li><b>A Lua script</b> ({@link LuaAuthrep}) when several counters can deny: the script reads
 *       every key, and only if no limit would be passed, adds every delta and sets each key's expiry.
 *       Redis runs a script alone, so the check-and-add is atomic across all the keys.
 * </ul>
 * Redis spends about four times less CPU on a pipelined {@code INCRBY} than on a script call
 * (docs/performance.md), hence the two ways.
 *
 * <p><b>Batching.</b> Concurrent authreps share round trips ({@link AuthrepBatcher}): at most
 * {@code maxInFlightBatches} batches are outstanding; authreps arriving meanwhile queue and leave
 * together in the next one — those of one transaction, those of one script call — where each is
 * decided, all-or-nothing, exactly as if they had been sent one by one in that order. Nothing waits
 * for a batch to fill: at low load every authrep goes alone at once. On a Cluster only authreps of one
 * hash tag share a batch.
 *
 * <p>Keys are {@code prefix + window suffix}. A key gets its TTL from the write that creates it (a
 * window's end never moves): its window end, measured from the caller's {@code now}, plus
 * {@link #EXPIRY_GRACE}, so a window's keys vanish soon after the window is over. The grace covers
 * clock skew between gateways: a node whose clock runs a little behind still writes into the window,
 * and must find its count there, not a fresh key. Eternity has no end a TTL can express; a key without
 * a TTL would live forever (and break the "every key has a TTL" rule operators rely on to bound
 * memory), so eternity keys get {@link #ETERNITY_TTL}, ten years, refreshed on every write: a counter
 * idle for ten years starts again at 0. The expiry is set in the same atomic step as the write — in
 * the script, or in the transaction — so no key exists without a TTL even for a moment.
 *
 * <p><b>Redis Cluster.</b> A script, like a transaction, may only touch keys of one hash slot. The
 * engine therefore builds every counter prefix of one application with the same hash tag, e.g.
 * {@code tg:{42}:7:hits}: Redis hashes only the part between the braces, so all keys of one authrep
 * share a slot and the cluster client routes the script or transaction to the node that owns it. Keys
 * without a common tag fail with {@code CROSSSLOT} on a Cluster (and work on a standalone server or
 * behind Sentinel); such an authrep is never batched, so it fails alone.
 *
 * <p>The script is sent with {@code EVALSHA}; on {@code NOSCRIPT} (first call, or after a Redis restart
 * or {@code SCRIPT FLUSH}) it is sent once with {@code EVAL}, which also caches it.
 *
 * <p><b>Threading and timeouts.</b> {@link #authrepAsync} and {@link #readAsync} never block: they
 * return at once and complete on a Vert.x event loop when Redis answers, or fail with
 * {@link RedisFailure} when it has not answered within {@link RedisSettings#timeout()} (default
 * 50 ms, counted for an authrep from its {@code authrepAsync} call, queueing included; a batch that
 * misses the earliest deadline among its authreps fails them all). The reply may still arrive, and
 * the increments may still land, later: a timed-out authrep or batch may yet be applied by Redis (a
 * late transaction reply still takes back the increments of its denied authreps).
 * Calls go over the connection pool. The synchronous {@link #authrep} and {@link #read} wait on
 * the asynchronous ones, so they are bounded by the same timeout; they refuse to run on an event loop,
 * whose blocking would stall the very replies they wait for.
 */
public final class RedisCounterStore implements CounterStore, AutoCloseable {
    /** The TTL of eternity keys, refreshed on every write. */
    public static final Duration ETERNITY_TTL = Duration.ofDays(3653);
    /** Kept past the window end so gateways with slightly skewed clocks agree on a window's count. */
    public static final Duration EXPIRY_GRACE = Duration.ofSeconds(60);
    /** How much longer than the timeout a synchronous call waits, in case the Vert.x timer never fires. */
    private static final long BACKSTOP_MILLIS = 1_000;
    private static final int MAX_MESSAGE = 400;

    /** The authrep script (what bench/meter.sh times alone): authreps that check several counters. */
    static final String SCRIPT = LuaAuthrep.BATCH;
    /** The default number of batches (transactions, script calls) outstanding at once; more authreps queue. */
    public static final int DEFAULT_MAX_IN_FLIGHT_BATCHES = 8;
    /** The default largest number of authreps in one batch. */
    public static final int DEFAULT_MAX_BATCH = 128;

    private final Vertx vertx;
    private final Redis redis;
    private final long timeoutMillis;
    private final AuthrepBatcher batcher;

    /** Connects to one standalone server, e.g. {@code redis://127.0.0.1:6379}, with the default settings. */
    public RedisCounterStore(Vertx vertx, String connectionString) {
        this(vertx, RedisSettings.standalone(requireNonNull(connectionString, "connectionString")));
    }

    /**
     * Connects as {@code settings} say, batching with {@link #DEFAULT_MAX_IN_FLIGHT_BATCHES} and
     * {@link #DEFAULT_MAX_BATCH}; connections are opened lazily by the first calls.
     */
    public RedisCounterStore(Vertx vertx, RedisSettings settings) {
        this(vertx, settings, DEFAULT_MAX_IN_FLIGHT_BATCHES, DEFAULT_MAX_BATCH);
    }

    /**
     * Connects as {@code settings} say, with the given batching.
     *
     * @param maxInFlightBatches batches of authreps outstanding at once, {@code >= 1}; authreps
     *     arriving while that many are outstanding queue and leave together in the next one
     * @param maxBatch the most authreps in one batch, {@code >= 1}; 1 turns batching off
     */
    public RedisCounterStore(Vertx vertx, RedisSettings settings, int maxInFlightBatches, int maxBatch) {
        this.vertx = requireNonNull(vertx, "vertx");
        requireNonNull(settings, "settings");
        if (maxInFlightBatches < 1) {
            throw new IllegalArgumentException("maxInFlightBatches: " + maxInFlightBatches + " (expected: >= 1)");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch: " + maxBatch + " (expected: >= 1)");
        }
        this.redis = Redis.createClient(vertx, settings.toRedisOptions());
        this.timeoutMillis = settings.timeout().toMillis();
        this.batcher = new AuthrepBatcher(vertx, redis, timeoutMillis, maxInFlightBatches, maxBatch,
                settings.type() == RedisSettings.Type.CLUSTER);
    }

    @Override
    public Decision authrep(List<Counter> counters, Instant now) {
        return await(authrepAsync(counters, now));
    }

    @Override
    public Map<String, Long> read(List<Counter> counters, Instant now) {
        return await(readAsync(counters, now));
    }

    @Override
    public CompletionStage<Decision> authrepAsync(List<Counter> counters, Instant now) {
        List<String> keys;
        try {
            keys = CounterStore.keysOf(counters, now);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        long[] args = new long[3 * counters.size()];
        int i = 0;
        for (Counter c : counters) {
            args[i++] = c.unlimited() ? -1 : c.limit();
            args[i++] = c.delta();
            args[i++] = ttlArgument(c.period().window(now), now);
        }
        return batcher.submit(keys, args);
    }

    @Override
    public CompletionStage<Map<String, Long>> readAsync(List<Counter> counters, Instant now) {
        List<String> keys;
        try {
            keys = CounterStore.keysOf(counters, now);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(new LinkedHashMap<>());
        }
        Request mget = Request.cmd(Command.MGET);
        keys.forEach(mget::arg);
        return bounded(() -> redis.send(mget)).thenApply(reply -> {
            Map<String, Long> out = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                Response v = reply.get(i);
                out.put(keys.get(i), v == null ? 0L : v.toLong());
            }
            return out;
        });
    }

    /**
     * Opens a first connection and caches the authrep script in Redis ({@code SCRIPT LOAD}), waiting up to
     * {@code wait} rather than the call timeout. Optional: call it at start so the first requests do
     * not pay for connection set-up, class loading and {@code NOSCRIPT} within their short timeout.
     * On a Cluster the script is cached on one node; the others load it on their first {@code NOSCRIPT}.
     */
    public CompletionStage<Void> preload(Duration wait) {
        requireNonNull(wait, "wait");
        CompletableFuture<Void> result = new CompletableFuture<>();
        redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(LuaAuthrep.BATCH))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        result.complete(null);
                    } else {
                        result.completeExceptionally(new RedisFailure("redis: " + describe(ar.cause()), ar.cause()));
                    }
                });
        return result.orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Authrep script calls sent so far, for tests (authreps that check several counters). */
    long scriptCalls() {
        return batcher.scriptCalls();
    }

    /** Authrep transactions of plain commands sent so far, for tests (rollbacks not counted). */
    long transactions() {
        return batcher.transactions();
    }

    /**
     * Round trips that carried authreps (script calls plus transactions), for tests: fewer than
     * {@link #authrepsSent()} when batches formed.
     */
    long calls() {
        return scriptCalls() + transactions();
    }

    /** Authreps sent to Redis so far, alone or in batches, for tests. */
    long authrepsSent() {
        return batcher.authreps();
    }

    /** Closes the connection pool; the Vert.x instance belongs to the caller. */
    @Override
    public void close() {
        redis.close();
    }

    /**
     * The script's TTL argument: the TTL to set when a write creates the key, or, negative, the TTL to
     * refresh on every write (eternity, whose keys live {@link #ETERNITY_TTL} after their last write).
     */
    static long ttlArgument(Window window, Instant now) {
        long ttl = ttlMillis(window, now);
        return window.period() == Period.ETERNITY ? -ttl : ttl;
    }

    /** Milliseconds from {@code now} to the window end plus the grace; eternity gets {@link #ETERNITY_TTL}. */
    static long ttlMillis(Window window, Instant now) {
        if (window.period() == Period.ETERNITY) {
            return ETERNITY_TTL.toMillis();
        }
        return Math.max(0, Duration.between(now, window.end()).toMillis()) + EXPIRY_GRACE.toMillis();
    }

    /**
     * Runs {@code call} and fails the result with {@link RedisFailure} when Redis has not answered within
     * the timeout. A Vert.x timer, not a blocked thread, measures the timeout.
     */
    private <T> CompletableFuture<T> bounded(Supplier<Future<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        long timer = vertx.setTimer(timeoutMillis, id -> result.completeExceptionally(
                new RedisFailure("redis: no reply within " + timeoutMillis + " ms", null)));
        Future<T> reply;
        try {
            reply = call.get();
        } catch (RuntimeException e) {
            reply = Future.failedFuture(e);
        }
        reply.onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.succeeded()) {
                result.complete(ar.result());
            } else {
                result.completeExceptionally(new RedisFailure("redis: " + describe(ar.cause()), ar.cause()));
            }
        });
        return result;
    }

    private <T> T await(CompletionStage<T> stage) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("RedisCounterStore: synchronous call on an event loop"
                    + " (expected: a worker or virtual thread, or authrepAsync/readAsync)");
        }
        try {
            return stage.toCompletableFuture().get(timeoutMillis + BACKSTOP_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new RedisFailure("redis: no reply within " + timeoutMillis + " ms (timer did not fire)", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new RedisFailure("redis: " + describe(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisFailure("redis: interrupted while waiting for a reply", e);
        }
    }

    /**
     * A one-line description of a client failure, for exceptions and log lines: connection strings (and
     * so passwords) redacted, and line breaks folded (the client quotes whole RESP requests in some
     * messages), and when longer than {@link #MAX_MESSAGE} characters, its start and its end (where the
     * client puts the reason, e.g. {@code CROSSSLOT}).
     */
    static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String line = RedisSettings.redact(message).replaceAll("\\s+", " ").strip();
        if (line.length() <= MAX_MESSAGE) {
            return line;
        }
        int half = MAX_MESSAGE / 2;
        return line.substring(0, half) + " … " + line.substring(line.length() - half);
    }

    /** Redis could not answer: unreachable, timed out, or replied with an error. */
    public static final class RedisFailure extends RuntimeException {
        RedisFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
