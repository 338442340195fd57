package io.tollgate.meter;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
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
 * Counters in Redis, shared by every gateway. One authrep is one round trip: a Lua script that reads
 * every key, and only if no limit would be passed, adds every delta and sets each key's expiry. Redis
 * runs a script alone, so the check-and-add is atomic across all the keys (reliability.md C11).
 *
 * <p>Keys are {@code prefix + window suffix}. Each key written gets {@code PEXPIRE} to its window end,
 * measured from the caller's {@code now}, plus {@link #EXPIRY_GRACE}, so a window's keys vanish soon
 * after the window is over. The grace covers clock skew between gateways: a node whose clock runs a
 * little behind still writes into the window, and must find its count there, not a fresh key. Eternity
 * has no end a TTL can express; a key without a TTL would live forever (and break the "every key has a
 * TTL" rule operators rely on to bound memory), so eternity keys get {@link #ETERNITY_TTL}, ten years,
 * refreshed on every write: a counter idle for ten years starts again at 0.
 *
 * <p><b>Redis Cluster.</b> A script may only touch keys of one hash slot. The engine therefore builds
 * every counter prefix of one application with the same hash tag, e.g. {@code tg:{42}:7:hits}: Redis
 * hashes only the part between the braces, so all keys of one authrep share a slot and the cluster
 * client routes the script to the node that owns it. Keys without a common tag fail with
 * {@code CROSSSLOT} on a Cluster (and work on a standalone server or behind Sentinel).
 *
 * <p>The script is sent with {@code EVALSHA}; on {@code NOSCRIPT} (first call, or after a Redis restart
 * or {@code SCRIPT FLUSH}) it is sent once with {@code EVAL}, which also caches it.
 *
 * <p><b>Threading and timeouts.</b> {@link #authrepAsync} and {@link #readAsync} never block: they
 * return at once and complete on a Vert.x event loop when Redis answers, or fail with
 * {@link RedisFailure} when it has not answered within {@link RedisSettings#timeout()} (default
 * 50 ms; the reply may still arrive, and the increments may still land, later). Many calls are in
 * flight at once over the connection pool. The synchronous {@link #authrep} and {@link #read} wait on
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

    /*
     * ARGV holds three values per key: limit (-1 = unlimited), delta, TTL in milliseconds.
     * Reply: {allowed 1|0, {value per key}, {0-based index of each exceeded counter}}.
     */
    static final String SCRIPT = """
            local cur, bad = {}, {}
            for i = 1, #KEYS do
              local v = tonumber(redis.call('GET', KEYS[i]) or '0')
              cur[i] = v
              local limit, delta = tonumber(ARGV[3 * i - 2]), tonumber(ARGV[3 * i - 1])
              if limit >= 0 and v + delta > limit then bad[#bad + 1] = i - 1 end
            end
            if #bad > 0 then return {0, cur, bad} end
            for i = 1, #KEYS do
              cur[i] = redis.call('INCRBY', KEYS[i], ARGV[3 * i - 1])
              redis.call('PEXPIRE', KEYS[i], ARGV[3 * i])
            end
            return {1, cur, {}}
            """;
    private static final String SHA = sha1(SCRIPT);

    private final Vertx vertx;
    private final Redis redis;
    private final long timeoutMillis;

    /** Connects to one standalone server, e.g. {@code redis://127.0.0.1:6379}, with the default settings. */
    public RedisCounterStore(Vertx vertx, String connectionString) {
        this(vertx, RedisSettings.standalone(requireNonNull(connectionString, "connectionString")));
    }

    /** Connects as {@code settings} say; connections are opened lazily by the first calls. */
    public RedisCounterStore(Vertx vertx, RedisSettings settings) {
        this.vertx = requireNonNull(vertx, "vertx");
        requireNonNull(settings, "settings");
        this.redis = Redis.createClient(vertx, settings.toRedisOptions());
        this.timeoutMillis = settings.timeout().toMillis();
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
        List<String> args = new ArrayList<>(3 * counters.size());
        for (Counter c : counters) {
            args.add(Long.toString(c.unlimited() ? -1 : c.limit()));
            args.add(Long.toString(c.delta()));
            args.add(Long.toString(ttlMillis(c.period().window(now), now)));
        }
        return bounded(() -> redis.send(script(Command.EVALSHA, SHA, keys, args))
                .recover(e -> isNoScript(e)
                        ? redis.send(script(Command.EVAL, SCRIPT, keys, args))
                        : Future.failedFuture(e)))
                .thenApply(RedisCounterStore::decision);
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
     * Opens a first connection and caches the script in Redis ({@code SCRIPT LOAD}), waiting up to
     * {@code wait} rather than the call timeout. Optional: call it at start so the first requests do
     * not pay for connection set-up, class loading and {@code NOSCRIPT} within their short timeout.
     * On a Cluster the script is cached on one node; the others load it on their first {@code NOSCRIPT}.
     */
    public CompletionStage<Void> preload(Duration wait) {
        requireNonNull(wait, "wait");
        CompletableFuture<Void> result = new CompletableFuture<>();
        redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(SCRIPT)).onComplete(ar -> {
            if (ar.succeeded()) {
                result.complete(null);
            } else {
                result.completeExceptionally(new RedisFailure("redis: " + describe(ar.cause()), ar.cause()));
            }
        });
        return result.orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes the connection pool; the Vert.x instance belongs to the caller. */
    @Override
    public void close() {
        redis.close();
    }

    /** Milliseconds from {@code now} to the window end plus the grace; eternity gets {@link #ETERNITY_TTL}. */
    static long ttlMillis(Window window, Instant now) {
        if (window.period() == Period.ETERNITY) {
            return ETERNITY_TTL.toMillis();
        }
        return Math.max(0, Duration.between(now, window.end()).toMillis()) + EXPIRY_GRACE.toMillis();
    }

    private static Decision decision(Response reply) {
        List<Long> values = new ArrayList<>(reply.get(1).size());
        for (Response v : reply.get(1)) {
            values.add(v.toLong());
        }
        if (reply.get(0).toInteger() == 1) {
            return Decision.allowed(values);
        }
        List<Integer> exceeded = new ArrayList<>();
        for (Response i : reply.get(2)) {
            exceeded.add(i.toInteger());
        }
        return Decision.denied(values, exceeded);
    }

    private static boolean isNoScript(Throwable e) {
        return e.getMessage() != null && e.getMessage().contains("NOSCRIPT");
    }

    private static Request script(Command command, String body, List<String> keys, List<String> args) {
        Request r = Request.cmd(command).arg(body).arg(keys.size());
        keys.forEach(r::arg);
        args.forEach(r::arg);
        return r;
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
    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String line = RedisSettings.redact(message).replaceAll("\\s+", " ").strip();
        if (line.length() <= MAX_MESSAGE) {
            return line;
        }
        int half = MAX_MESSAGE / 2;
        return line.substring(0, half) + " … " + line.substring(line.length() - half);
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }

    /** Redis could not answer: unreachable, timed out, or replied with an error. */
    public static final class RedisFailure extends RuntimeException {
        RedisFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
