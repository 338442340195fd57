package io.tollgate.meter.config;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A meter's view of the configuration in Redis ({@link RedisMeterConfig}). {@link #current()} is one
 * volatile read of an immutable {@link MeterImage}; a newer version is loaded in the background and
 * swapped in whole.
 *
 * <p>Two ways to learn of a new version, because pub/sub alone is fire-and-forget: a subscription to
 * {@code <prefix>:changed} (fast path), and a poll of {@code <prefix>:version} every
 * {@link #POLL_INTERVAL}, which catches a missed message, a broken subscription (re-established by the
 * poll) or a Redis restart. Only a version greater than the current one is loaded. While Redis is
 * unreachable or holds an unreadable document the last image stays in force; one line is logged when
 * that starts and one when it ends.
 *
 * <p>Threading: everything runs on Vert.x callbacks; the JSON is parsed and indexed on the worker pool
 * {@code tollgate-meter-config}. The subscription holds one connection of {@code redis} for as long as
 * the follower runs.
 */
public final class RedisMeterConfigFollower implements MeterConfigSource, AutoCloseable {
    /** How often {@code <prefix>:version} is polled. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(RedisMeterConfigFollower.class);

    private final Vertx vertx;
    private final Redis redis;
    private final RedisMeterConfig keys;
    private final WorkerExecutor parser;
    private final long pollMillis;
    private final AtomicReference<MeterImage> image = new AtomicReference<>(MeterImage.empty());
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean loading = new AtomicBoolean();
    private final AtomicBoolean reloadRequested = new AtomicBoolean();
    private final AtomicBoolean subscribing = new AtomicBoolean();
    // The kind of the current problem ("unreachable", "invalid"), null when healthy: logs state changes only.
    private final AtomicReference<String> problem = new AtomicReference<>();
    private volatile RedisConnection subscription;
    private volatile boolean closed;
    private volatile long timerId = -1;

    /** Follows the {@link RedisMeterConfig#defaults() default keys}; {@code redis} belongs to the caller. */
    public RedisMeterConfigFollower(Vertx vertx, Redis redis) {
        this(vertx, redis, RedisMeterConfig.defaults());
    }

    /** Follows {@code keys}; {@code vertx} and {@code redis} belong to the caller. */
    public RedisMeterConfigFollower(Vertx vertx, Redis redis, RedisMeterConfig keys) {
        this(vertx, redis, keys, POLL_INTERVAL);
    }

    /** Polls every {@code pollInterval}: lets a test tell the subscription and the poll apart. */
    RedisMeterConfigFollower(Vertx vertx, Redis redis, RedisMeterConfig keys, Duration pollInterval) {
        this.pollMillis = requireNonNull(pollInterval, "pollInterval").toMillis();
        this.vertx = requireNonNull(vertx, "vertx");
        this.redis = requireNonNull(redis, "redis");
        this.keys = requireNonNull(keys, "keys");
        this.parser = vertx.createSharedWorkerExecutor("tollgate-meter-config", 1);
    }

    /**
     * Loads the current snapshot, subscribes and starts polling. The future completes when the first
     * load is done: succeeded (also when nothing was published yet: the image stays empty), or failed
     * when Redis could not be read; either way the follower keeps polling and catches up later.
     */
    public Future<Void> start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("RedisMeterConfigFollower for " + keys.prefix() + " already started");
        }
        timerId = vertx.setPeriodic(pollMillis, pollMillis, id -> poll());
        subscribe();
        return load();
    }

    @Override
    public MeterImage current() {
        return image.get();
    }

    /** Stops polling and closes the subscription; {@link #current()} keeps answering the last image. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        vertx.cancelTimer(timerId);
        RedisConnection s = subscription;
        subscription = null;
        if (s != null) {
            s.close();
        }
        parser.close();
    }

    private void poll() {
        if (closed) {
            return;
        }
        if (subscription == null) {
            subscribe();
        }
        redis.send(Request.cmd(Command.GET).arg(keys.versionKey())).onComplete(ar -> {
            if (closed) {
                return;
            }
            if (ar.failed()) {
                problem("unreachable", ar.cause().getMessage());
                return;
            }
            Response v = ar.result();
            if (v == null) {
                healthy();
                return; // nothing published yet (or Redis lost its data: keep what we have)
            }
            long version;
            try {
                version = v.toLong();
            } catch (NumberFormatException e) {
                problem("invalid", keys.versionKey() + " = " + v + " (expected: a number)");
                return;
            }
            if (version > image.get().version()) {
                load();
            } else {
                healthy();
            }
        });
    }

    /** Loads the stored snapshot; a load requested while one runs is done right after it. */
    private Future<Void> load() {
        if (!loading.compareAndSet(false, true)) {
            reloadRequested.set(true);
            return Future.succeededFuture();
        }
        Future<MeterImage> loaded = redis.send(Request.cmd(Command.GET).arg(keys.configKey())).compose(r -> r == null
                ? Future.succeededFuture(null)
                : parser.executeBlocking(() -> MeterImage.of(MeterSnapshotJson.read(r.toBytes())), false));
        return loaded.andThen(ar -> {
            loading.set(false);
            if (closed) {
                return;
            }
            if (ar.succeeded()) {
                healthy();
                if (ar.result() != null) {
                    swap(ar.result());
                }
            } else if (ar.cause() instanceof IllegalArgumentException) {
                problem("invalid", keys.configKey() + ": " + ar.cause().getMessage());
            } else {
                problem("unreachable", ar.cause().getMessage());
            }
            if (reloadRequested.getAndSet(false) && !closed) {
                load();
            }
        }).mapEmpty();
    }

    private void swap(MeterImage next) {
        MeterImage before = image.getAndAccumulate(next, (cur, n) -> n.version() > cur.version() ? n : cur);
        if (next.version() > before.version()) {
            LOG.info("meter config: now at version {} ({} services, {} apps)", next.version(),
                    next.snapshot().services().size(), next.snapshot().apps().size());
        }
    }

    private void subscribe() {
        if (closed || !subscribing.compareAndSet(false, true)) {
            return;
        }
        redis.connect().compose(conn -> {
            conn.handler(this::onMessage);
            // A fatal error also ends the connection: only the end handler forgets the subscription.
            conn.exceptionHandler(e -> LOG.debug("meter config: subscription to {}: {}", keys.channel(), e.getMessage()));
            conn.endHandler(v -> lost(conn));
            return conn.send(Request.cmd(Command.SUBSCRIBE).arg(keys.channel()))
                    .map(conn)
                    .onFailure(e -> conn.close());
        }).onComplete(ar -> {
            subscribing.set(false);
            if (ar.failed()) {
                // Polling keeps the image fresh; the next poll tries to subscribe again.
                LOG.debug("meter config: cannot subscribe to {}: {}", keys.channel(), ar.cause().getMessage());
            } else if (closed) {
                ar.result().close();
            } else {
                subscription = ar.result();
            }
        });
    }

    /** The connection has ended (it is closed already); the next poll subscribes again. */
    private void lost(RedisConnection conn) {
        if (subscription == conn) {
            subscription = null;
        }
    }

    private void onMessage(Response message) {
        // RESP2 and RESP3 both deliver ["message", channel, payload]; confirmations are other kinds.
        ResponseType type = message == null ? null : message.type();
        if ((type != ResponseType.MULTI && type != ResponseType.PUSH) || message.size() < 3
                || message.get(0) == null || message.get(1) == null || message.get(2) == null
                || !"message".equals(message.get(0).toString())
                || !keys.channel().equals(message.get(1).toString())) {
            return;
        }
        long version;
        try {
            version = message.get(2).toLong();
        } catch (NumberFormatException e) {
            version = Long.MAX_VALUE; // an unexpected payload: load and let the snapshot's version decide
        }
        if (version > image.get().version()) {
            load();
        }
    }

    private void healthy() {
        if (problem.getAndSet(null) != null) {
            LOG.info("meter config: reading {} again, at version {}", keys.prefix(), image.get().version());
        }
    }

    private void problem(String kind, String detail) {
        if (!kind.equals(problem.getAndSet(kind))) {
            LOG.warn("meter config: {} {} ({}); keeping version {}", keys.prefix(),
                    kind.equals("unreachable") ? "unreachable in Redis" : "holds an invalid value", detail,
                    image.get().version());
        }
    }
}
