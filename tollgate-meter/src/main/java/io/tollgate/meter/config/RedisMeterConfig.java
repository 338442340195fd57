package io.tollgate.meter.config;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;

/**
 * Where the meter configuration lives in Redis, for meters in other processes than the server:
 * <ul>
 *   <li>{@code <prefix>:config}: the current {@link MeterSnapshot} as JSON ({@link MeterSnapshotJson});
 *   <li>{@code <prefix>:version}: its version, a decimal number, written together with the config;
 *   <li>{@code <prefix>:changed}: the pub/sub channel on which the version is published after a change.
 * </ul>
 * {@link RedisMeterConfigSink} writes them; {@link RedisMeterConfigFollower} keeps a meter's image in
 * step with them.
 *
 * <p>Operators: the two config keys are deliberately persistent (no TTL). Every usage and counter key
 * the meter writes has a TTL, so "keys without a TTL" in this Redis should be exactly these two. They
 * are the meters' replica of the system database and must survive: configure Redis persistence (RDB or
 * AOF) or a meter restarted after a Redis restart has no configuration until the next publish.
 * {@code tollgate admin resync} rewrites them from the system database.
 *
 * <p>On Redis Cluster, put a hash tag in the prefix (e.g. {@code {tollgate:meter}}) so both keys are in
 * one slot: they are written by one script.
 *
 * @param prefix the key prefix, {@value #DEFAULT_PREFIX} by default; tests use a unique one
 */
public record RedisMeterConfig(String prefix) {
    /** The prefix unless configured otherwise. */
    public static final String DEFAULT_PREFIX = "{tollgate:meter}";

    /** Checks the prefix. */
    public RedisMeterConfig {
        requireNonNull(prefix, "prefix");
        if (prefix.isBlank()) {
            throw new IllegalArgumentException("prefix: \"" + prefix + "\" (expected: not blank)");
        }
    }

    /** The keys under {@value #DEFAULT_PREFIX}. */
    public static RedisMeterConfig defaults() {
        return new RedisMeterConfig(DEFAULT_PREFIX);
    }

    /** The key holding the snapshot JSON. */
    public String configKey() {
        return prefix + ":config";
    }

    /** The key holding the snapshot's version. */
    public String versionKey() {
        return prefix + ":version";
    }

    /** The channel announcing a new version. */
    public String channel() {
        return prefix + ":changed";
    }

    /** A sink writing these keys through {@code redis} (the caller keeps ownership of the client). */
    public RedisMeterConfigSink sink(Redis redis) {
        return new RedisMeterConfigSink(redis, this);
    }

    /** A follower of these keys; call {@link RedisMeterConfigFollower#start()} before use. */
    public RedisMeterConfigFollower follower(Vertx vertx, Redis redis) {
        return new RedisMeterConfigFollower(vertx, redis, this);
    }
}
