package io.tollgate.dist;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tollgate.meter.CounterStore;
import io.tollgate.meter.GuardSettings;
import io.tollgate.meter.GuardedCounterStore;
import io.tollgate.meter.MemoryCounterStore;
import io.tollgate.meter.RedisCounterStore;
import io.tollgate.meter.RedisSettings;
import io.tollgate.meter.api.MeterServer;
import io.tollgate.meter.config.LocalMeterConfig;
import io.tollgate.meter.config.MeterConfigSink;
import io.tollgate.meter.config.MeterConfigSource;
import io.tollgate.meter.config.RedisMeterConfigFollower;
import io.tollgate.meter.config.RedisMeterConfigSink;
import io.tollgate.meter.engine.Meter;
import io.tollgate.meter.stats.MemoryUsageStats;
import io.tollgate.meter.stats.RedisUsageStats;
import io.tollgate.meter.stats.UsageStats;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meter's parts for one process: the counter store (memory, or Redis guarded by the failure
 * policy), the usage statistics, where the configuration replica is written and read, and the Service
 * Management API server. {@link #close()} releases them in reverse order.
 */
final class MeterStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MeterStack.class);
    private static final Duration PRELOAD_WAIT = Duration.ofSeconds(3);

    private final Vertx vertx;
    private final Redis redis;
    private final RedisCounterStore redisStore;
    private final CounterStore store;
    private final UsageStats stats;
    private final LocalMeterConfig local = new LocalMeterConfig();
    private final PrometheusMeterRegistry registry;
    private final List<AutoCloseable> closeLast = new ArrayList<>();
    private MeterServer server;

    private MeterStack(Vertx vertx, Redis redis, RedisCounterStore redisStore, CounterStore store, UsageStats stats,
            PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.vertx = vertx;
        this.redis = redis;
        this.redisStore = redisStore;
        this.store = store;
        this.stats = stats;
    }

    /** Memory counters, or Redis when {@code options} name one; Redis settings come from the environment. */
    static MeterStack open(Vertx vertx, MeterOptions options) {
        options.validate();
        if (!options.redis()) {
            return new MeterStack(vertx, null, null, new MemoryCounterStore(), new MemoryUsageStats(),
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        }
        RedisSettings settings;
        GuardSettings guard;
        try {
            settings = RedisSettings.parse(options.redisUrl, MeterOptions.env("TOLLGATE_REDIS_TYPE"),
                    MeterOptions.env("TOLLGATE_REDIS_MASTER_NAME"), MeterOptions.env("TOLLGATE_STORE_TIMEOUT_MS"));
            guard = GuardSettings.parse(MeterOptions.env("TOLLGATE_ON_STORE_FAILURE"),
                    MeterOptions.env("TOLLGATE_METER_NODES"), MeterOptions.env("TOLLGATE_STORE_TIMEOUT_MS"));
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), e);
        }
        Redis redis = Redis.createClient(vertx, settings.toRedisOptions());
        RedisCounterStore redisStore = new RedisCounterStore(vertx, settings);
        try {
            redisStore.preload(PRELOAD_WAIT).toCompletableFuture().get(PRELOAD_WAIT.toMillis() * 2,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Not fatal: the failure policy answers until Redis is reachable.
            LOG.warn("Redis {} is not reachable yet ({}); the '{}' failure policy applies until it is",
                    settings, RedisSettings.redact(Platform.rootMessage(e)), guard.policy().code());
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CounterStore guarded = new GuardedCounterStore(redisStore, guard, registry);
        LOG.info("Counters in Redis {} (on store failure: {}, timeout {} ms)", settings, guard.policy().code(),
                guard.timeout().toMillis());
        return new MeterStack(vertx, redis, redisStore, guarded, new RedisUsageStats(redis), registry);
    }

    /** The usage statistics (the admin API reads them). */
    UsageStats stats() {
        return stats;
    }

    /** The replica held in this process (what an in-process meter reads). */
    LocalMeterConfig local() {
        return local;
    }

    /**
     * Where the control plane publishes the replica: this process's copy, and Redis too when there is one
     * (for meters in other processes).
     */
    MeterConfigSink sink(boolean keepLocal) {
        if (redis == null) {
            return local;
        }
        RedisMeterConfigSink shared = new RedisMeterConfigSink(redis);
        if (!keepLocal) {
            return shared;
        }
        return snapshot -> {
            local.publish(snapshot);
            shared.publish(snapshot);
        };
    }

    /** A replica that follows Redis (a standalone meter); fails if there is no Redis. */
    MeterConfigSource follow() {
        if (redis == null) {
            throw new UserException("tollgate meter needs Redis for its configuration and counters:"
                    + " set TOLLGATE_REDIS_URL (or --redis-url) to the Redis the control plane publishes to");
        }
        RedisMeterConfigFollower follower = new RedisMeterConfigFollower(vertx, redis);
        closeLast.add(follower);
        try {
            follower.start().await();
        } catch (Exception e) {
            LOG.warn("no meter configuration in Redis yet ({}); calls are refused until the control plane publishes"
                    + " one (start 'tollgate server' with the same TOLLGATE_REDIS_URL, or run 'tollgate admin resync')",
                    RedisSettings.redact(Platform.rootMessage(e)));
        }
        return follower;
    }

    /** The metering engine over {@code source} with this process's counters and statistics. */
    Meter engine(MeterConfigSource source) {
        return new Meter(source, store, stats, Clock.systemUTC());
    }

    /** The registry the meter's metrics are in (the gateways of the process add theirs). */
    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Starts the Service Management API over {@code source}; returns the bound port. */
    int serve(MeterConfigSource source, String bind, int port) {
        Clock clock = Clock.systemUTC();
        Meter meter = engine(source);
        server = new MeterServer(vertx, meter, clock, Version.current(), MeterServer.Options.of(bind, port),
                registry::scrape);
        try {
            return server.start().await();
        } catch (Exception e) {
            throw new UserException("cannot listen on " + bind + ":" + port + " for the Service Management API: "
                    + Platform.rootMessage(e) + " (set --meter-port or TOLLGATE_METER_PORT)", e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().await();
        }
        if (stats instanceof RedisUsageStats redisStats) {
            redisStats.close();
        }
        for (AutoCloseable c : closeLast) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", c, e.toString());
            }
        }
        if (redisStore != null) {
            redisStore.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
