package io.tollgate.meter;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * <p>The script is sent with {@code EVALSHA}; on {@code NOSCRIPT} (first call, or after a Redis restart
 * or {@code SCRIPT FLUSH}) it is sent once with {@code EVAL}, which also caches it.
 *
 * <p>Threading: this first piece is synchronous and blocks the calling thread for up to
 * {@link #TIMEOUT} on the Vert.x future. It must never be called on an event loop; the gateway will call
 * it from a worker or virtual thread.
 */
public final class RedisCounterStore implements CounterStore, AutoCloseable {
    /** The TTL of eternity keys, refreshed on every write. */
    public static final Duration ETERNITY_TTL = Duration.ofDays(3653);
    /** Kept past the window end so gateways with slightly skewed clocks agree on a window's count. */
    public static final Duration EXPIRY_GRACE = Duration.ofSeconds(60);
    /** How long one call waits for Redis. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

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

    private final Redis redis;

    /** Connects to {@code connectionString}, e.g. {@code redis://127.0.0.1:6379}. */
    public RedisCounterStore(Vertx vertx, String connectionString) {
        requireNonNull(vertx, "vertx");
        requireNonNull(connectionString, "connectionString");
        this.redis = Redis.createClient(vertx, new RedisOptions()
                .setConnectionString(connectionString)
                .setMaxPoolSize(32)
                .setMaxPoolWaiting(1024));
    }

    @Override
    public Decision authrep(List<Counter> counters, Instant now) {
        List<String> keys = CounterStore.keysOf(counters, now);
        List<String> args = new ArrayList<>(3 * counters.size());
        for (Counter c : counters) {
            args.add(Long.toString(c.unlimited() ? -1 : c.limit()));
            args.add(Long.toString(c.delta()));
            args.add(Long.toString(ttlMillis(c.period().window(now), now)));
        }
        Response reply;
        try {
            reply = await(redis.send(script(Command.EVALSHA, SHA, keys, args)));
        } catch (RedisFailure e) {
            if (e.getMessage() == null || !e.getMessage().contains("NOSCRIPT")) {
                throw e;
            }
            reply = await(redis.send(script(Command.EVAL, SCRIPT, keys, args)));
        }
        List<Long> values = new ArrayList<>(keys.size());
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

    @Override
    public Map<String, Long> read(List<Counter> counters, Instant now) {
        List<String> keys = CounterStore.keysOf(counters, now);
        Map<String, Long> out = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        Request mget = Request.cmd(Command.MGET);
        keys.forEach(mget::arg);
        Response reply = await(redis.send(mget));
        for (int i = 0; i < keys.size(); i++) {
            Response v = reply.get(i);
            out.put(keys.get(i), v == null ? 0L : v.toLong());
        }
        return out;
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

    private static Request script(Command command, String body, List<String> keys, List<String> args) {
        Request r = Request.cmd(command).arg(body).arg(keys.size());
        keys.forEach(r::arg);
        args.forEach(r::arg);
        return r;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new RedisFailure("redis: no reply within " + TIMEOUT, e);
        } catch (ExecutionException e) {
            throw new RedisFailure("redis: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisFailure("redis: interrupted while waiting for a reply", e);
        }
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
