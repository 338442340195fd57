package io.tollgate.gateway.policy.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.gateway.policy.ratelimit.Limiter.Kind;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeoutException;

/**
 * Counters shared by every gateway through one Redis: one script call per request ({@code limit.lua}:
 * check all limiters, then count in all, atomically), keys under {@value #PREFIX} with a TTL (a
 * window's key lives until the window ends, a bucket's until it drained). A call that takes longer
 * than the timeout fails (the caller decides what that means), and a {@link RedisBreaker} stops
 * asking a Redis that keeps failing. One store per Redis URL and Vert.x instance.
 */
final class RedisLimiterStore implements LimiterStore, Shareable {
    static final String PREFIX = "tollgate:rate_limit:";
    private static final String SCRIPT = script();
    private static final String SHA = sha1(SCRIPT);

    private final Vertx vertx;
    private final Redis redis;
    private final RedisBreaker breaker;
    private final Counter failures;

    private RedisLimiterStore(Vertx vertx, Redis redis, String url, MeterRegistry metrics) {
        this.vertx = vertx;
        this.redis = redis;
        String shown = redacted(url);
        Counter changes = Counter.builder("tollgate.rate_limit.redis.state.changes")
                .description("rate_limit: times the Redis breaker opened or closed").tag("redis", shown)
                .register(metrics);
        this.breaker = new RedisBreaker(shown, changes::increment);
        this.failures = Counter.builder("tollgate.rate_limit.redis.failures")
                .description("rate_limit: Redis calls that failed or timed out").tag("redis", shown).register(metrics);
        Gauge.builder("tollgate.rate_limit.redis.available", breaker, b -> b.open() ? 0 : 1)
                .description("rate_limit: 1 while Redis answers, 0 while the breaker is open").tag("redis", shown)
                .register(metrics);
    }

    /** The store for {@code url} in {@code vertx}'s process, created on first use. */
    static RedisLimiterStore of(Vertx vertx, String url, java.util.function.Function<String, Redis> clients,
            MeterRegistry metrics) {
        LocalMap<String, RedisLimiterStore> map = vertx.sharedData().getLocalMap("tollgate.rate_limit.redis");
        RedisLimiterStore store = map.get(url);
        if (store != null) {
            return store;
        }
        synchronized (map) { // configuration load, not the request path
            store = map.get(url);
            if (store == null) {
                store = new RedisLimiterStore(vertx, clients.apply(url), url, metrics);
                map.put(url, store);
                store.preload();
            }
            return store;
        }
    }

    @Override
    public Future<Verdict> acquire(Limiter[] limiters, String[] keys, long nowMillis) {
        return acquire(limiters, keys, nowMillis, 50);
    }

    /** As {@link #acquire(Limiter[], String[], long)}, failing after {@code timeoutMillis}. */
    Future<Verdict> acquire(Limiter[] limiters, String[] keys, long nowMillis, long timeoutMillis) {
        long wallNow = System.currentTimeMillis(); // the breaker runs on real time, the windows on the policy's clock
        if (!breaker.allows(wallNow)) {
            return Future.failedFuture(new IllegalStateException("Redis breaker open"));
        }
        String[] redisKeys = new String[keys.length];
        String[] args = new String[1 + 3 * keys.length];
        args[0] = Long.toString(nowMillis);
        for (int i = 0; i < keys.length; i++) {
            Limiter l = limiters[i];
            if (l.kind() == Kind.FIXED_WINDOW) {
                long windowMillis = l.window() * 1000;
                long index = nowMillis / windowMillis;
                redisKeys[i] = PREFIX + keys[i] + ":" + index;
                args[1 + 3 * i] = "f";
                args[2 + 3 * i] = Long.toString(l.amount());
                args[3 + 3 * i] = Long.toString((index + 1) * windowMillis - nowMillis + 1000);
            } else {
                redisKeys[i] = PREFIX + keys[i];
                args[1 + 3 * i] = "b";
                args[2 + 3 * i] = Long.toString(l.amount());
                args[3 + 3 * i] = Long.toString(l.burst());
            }
        }
        Promise<Verdict> promise = Promise.promise();
        long timer = vertx.setTimer(timeoutMillis, id -> {
            if (promise.tryFail(new TimeoutException("Redis did not answer in " + timeoutMillis + " ms"))) {
                failures.increment();
                breaker.failed(System.currentTimeMillis(), new TimeoutException(timeoutMillis + " ms"));
            }
        });
        eval(redisKeys, args).onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.failed()) {
                if (promise.tryFail(ar.cause())) {
                    failures.increment();
                    breaker.failed(System.currentTimeMillis(), ar.cause());
                }
                return;
            }
            breaker.succeeded();
            Response r = ar.result();
            if (r.get(0).toInteger() == 1) {
                promise.tryComplete(Verdict.admitted(r.get(1).toLong()));
                return;
            }
            int refusing = r.get(1).toInteger() - 1;
            long retryMillis = r.get(2).toLong();
            if (limiters[refusing].kind() == Kind.FIXED_WINDOW) {
                long windowMillis = limiters[refusing].window() * 1000;
                retryMillis = (nowMillis / windowMillis + 1) * windowMillis - nowMillis;
            }
            promise.tryComplete(Verdict.rejected(Verdict.ceilSeconds(retryMillis)));
        });
        return promise.future();
    }

    /** Loads the script ahead of the first request, which then does not pay for connecting and NOSCRIPT. */
    private void preload() {
        redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(SCRIPT)).onFailure(e -> { }); // retried by EVAL
    }

    /** EVALSHA, and EVAL once when Redis does not have the script yet (a restart, a new server). */
    private Future<Response> eval(String[] keys, String[] args) {
        return redis.send(request(Command.EVALSHA, SHA, keys, args)).recover(e -> {
            if (e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT")) {
                return redis.send(request(Command.EVAL, SCRIPT, keys, args));
            }
            return Future.failedFuture(e);
        });
    }

    private static Request request(Command command, String script, String[] keys, String[] args) {
        Request r = Request.cmd(command).arg(script).arg(keys.length);
        for (String k : keys) {
            r.arg(k);
        }
        for (String a : args) {
            r.arg(a);
        }
        return r;
    }

    /** {@code redis://user:secret@host:6379/0} → {@code redis://host:6379/0}: URLs in metrics and logs carry no password. */
    static String redacted(String url) {
        int scheme = url.indexOf("://");
        int at = url.lastIndexOf('@');
        return scheme >= 0 && at > scheme ? url.substring(0, scheme + 3) + url.substring(at + 1) : url;
    }

    private static String script() {
        try (InputStream in = RedisLimiterStore.class.getResourceAsStream("limit.lua")) {
            if (in == null) {
                throw new IllegalStateException("limit.lua is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(
                    text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
