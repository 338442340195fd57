package io.tollgate.meter.config;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes the configuration to Redis ({@link RedisMeterConfig} describes the keys): one Lua script
 * sets {@code <prefix>:config} and {@code <prefix>:version} and then publishes the version on
 * {@code <prefix>:changed}. Redis runs a script alone, so a reader never sees the config of one version
 * with the version number of another, and the announcement never precedes the data. The keys get no
 * TTL on purpose (see {@link RedisMeterConfig}).
 */
public final class RedisMeterConfigSink implements MeterConfigSink {
    /** How long {@link #publish} waits for Redis. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    // KEYS: config, version. ARGV: json, version, channel. Returns the number of subscribers reached.
    static final String SCRIPT = """
            redis.call('SET', KEYS[1], ARGV[1])
            redis.call('SET', KEYS[2], ARGV[2])
            return redis.call('PUBLISH', ARGV[3], ARGV[2])
            """;

    private final Redis redis;
    private final RedisMeterConfig keys;

    /** Writes the {@link RedisMeterConfig#defaults() default keys} through {@code redis}, which the caller owns. */
    public RedisMeterConfigSink(Redis redis) {
        this(redis, RedisMeterConfig.defaults());
    }

    /** Writes {@code keys} through {@code redis}, which the caller owns. */
    public RedisMeterConfigSink(Redis redis, RedisMeterConfig keys) {
        this.redis = requireNonNull(redis, "redis");
        this.keys = requireNonNull(keys, "keys");
    }

    /**
     * Publishes {@code snapshot} and waits up to {@link #TIMEOUT}. Blocks, so it refuses to run on an
     * event loop (use {@link #publishAsync} there); a Redis failure is an {@link IllegalStateException}.
     */
    @Override
    public void publish(MeterSnapshot snapshot) {
        requireNonNull(snapshot, "snapshot");
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("RedisMeterConfigSink.publish blocks; call publishAsync on an event loop");
        }
        try {
            publishAsync(snapshot).toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw failure(snapshot, "no reply within " + TIMEOUT, e);
        } catch (ExecutionException e) {
            throw failure(snapshot, e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(snapshot, "interrupted", e);
        }
    }

    /** Publishes {@code snapshot} without blocking; the future completes once Redis has applied it. */
    public Future<Void> publishAsync(MeterSnapshot snapshot) {
        requireNonNull(snapshot, "snapshot");
        Request eval = Request.cmd(Command.EVAL).arg(SCRIPT).arg(2)
                .arg(keys.configKey()).arg(keys.versionKey())
                .arg(MeterSnapshotJson.write(snapshot)).arg(Long.toString(snapshot.version())).arg(keys.channel());
        return redis.send(eval).mapEmpty();
    }

    private IllegalStateException failure(MeterSnapshot snapshot, String why, Throwable cause) {
        return new IllegalStateException("meter config: cannot publish version " + snapshot.version()
                + " to Redis under " + keys.prefix() + ": " + why, cause);
    }
}
