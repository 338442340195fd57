package io.tollgate.meter.stats;

import static java.util.Objects.requireNonNull;

import io.tollgate.meter.Period;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage statistics in Redis, shared by every meter. {@link #record} only adds to a local buffer; a
 * daemon thread ({@code tollgate-usage-stats-flush}) writes the buffer every {@link #FLUSH_INTERVAL}
 * as pipelined {@code INCRBY} + {@code PEXPIREAT} batches, so the request path never waits for Redis.
 *
 * <p>Keys: {@code <prefix>:{<appId>}:<metricId>:h:<hour start epoch second>} and {@code ...:d:<day
 * start>}; the braces are a Redis Cluster hash tag, so all of an application's buckets share a slot and
 * one {@code MGET} reads a series. Every key expires at its bucket start plus
 * {@link UsageBuckets#HOUR_RETENTION} or {@link UsageBuckets#DAY_RETENTION}: no key lives forever.
 *
 * <p>Failures: when a flush fails, what was not acknowledged goes back into the buffer and is retried
 * at the next flush. The buffer is bounded ({@code maxBufferedBuckets}); past it the buckets that
 * ended first are dropped and counted ({@link #droppedBuckets()}). One line is logged when writing
 * starts failing and one when it works again, not one per flush. Delivery is at least once: a batch that
 * timed out may have been applied and is then counted again.
 *
 * <p>{@link #series} blocks up to {@link #TIMEOUT}; never call it on an event loop.
 */
public final class RedisUsageStats implements UsageStats, AutoCloseable {
    /** The key prefix unless another is given. */
    public static final String DEFAULT_KEY_PREFIX = "tg:s";
    /** How often the buffer is written, unless another interval is given. */
    public static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);
    /** The buffer bound unless another is given. */
    public static final int MAX_BUFFERED_BUCKETS = 100_000;
    /** How long one Redis call is waited for. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Buckets per pipelined batch (two commands each). */
    static final int BATCH_BUCKETS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(RedisUsageStats.class);

    private final Redis redis;
    private final boolean ownsClient;
    private final String keyPrefix;
    private final Clock clock;
    private final int maxBufferedBuckets;
    private final UsageBuffer buffer = new UsageBuffer();
    private final ReentrantLock flushLock = new ReentrantLock();
    private final ScheduledExecutorService flusher;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    // Failure state, read and written under flushLock only: drives the one-line-per-change logging.
    private boolean failing;
    private long droppedWhileFailing;

    /**
     * Statistics on a client the caller created and closes (e.g. the launcher's), with the default
     * key prefix, buffer bound and flush interval.
     */
    public RedisUsageStats(Redis redis) {
        this(redis, DEFAULT_KEY_PREFIX, Clock.systemUTC(), MAX_BUFFERED_BUCKETS, FLUSH_INTERVAL, false);
    }

    /** Statistics on a client of its own to {@code connectionString}, closed by {@link #close()}. */
    public RedisUsageStats(Vertx vertx, String connectionString) {
        this(Redis.createClient(requireNonNull(vertx, "vertx"), new RedisOptions()
                        .setConnectionString(requireNonNull(connectionString, "connectionString"))
                        .setMaxPoolSize(4)
                        .setMaxPoolWaiting(64)),
                DEFAULT_KEY_PREFIX, Clock.systemUTC(), MAX_BUFFERED_BUCKETS, FLUSH_INTERVAL, true);
    }

    /**
     * Statistics on a client the caller created and closes.
     *
     * @param redis the client
     * @param keyPrefix prepended to every key, e.g. {@value #DEFAULT_KEY_PREFIX}
     * @param clock measures retention (buckets already past it are not written)
     * @param maxBufferedBuckets the most buckets kept while Redis cannot be written, {@code >= 1}
     * @param flushInterval the time between two background flushes, {@code > 0}
     */
    public RedisUsageStats(Redis redis, String keyPrefix, Clock clock, int maxBufferedBuckets,
            Duration flushInterval) {
        this(redis, keyPrefix, clock, maxBufferedBuckets, flushInterval, false);
    }

    private RedisUsageStats(Redis redis, String keyPrefix, Clock clock, int maxBufferedBuckets,
            Duration flushInterval, boolean ownsClient) {
        this.redis = requireNonNull(redis, "redis");
        this.keyPrefix = requireNonNull(keyPrefix, "keyPrefix");
        this.clock = requireNonNull(clock, "clock");
        requireNonNull(flushInterval, "flushInterval");
        if (maxBufferedBuckets < 1) {
            throw new IllegalArgumentException("maxBufferedBuckets: " + maxBufferedBuckets + " (expected: >= 1)");
        }
        if (flushInterval.isZero() || flushInterval.isNegative()) {
            throw new IllegalArgumentException("flushInterval: " + flushInterval + " (expected: > 0)");
        }
        this.maxBufferedBuckets = maxBufferedBuckets;
        this.ownsClient = ownsClient;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tollgate-usage-stats-flush");
            t.setDaemon(true);
            return t;
        });
        long millis = flushInterval.toMillis();
        flusher.scheduleWithFixedDelay(this::flushInBackground, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void record(long serviceId, long appId, Map<Long, Long> usageByMetricId, Instant at) {
        requireNonNull(usageByMetricId, "usageByMetricId");
        requireNonNull(at, "at");
        Instant now = clock.instant();
        long hour = UsageBuckets.startOf(Period.HOUR, at);
        long day = UsageBuckets.startOf(Period.DAY, at);
        boolean hourLive = !UsageBuckets.expired(Period.HOUR, hour, now);
        boolean dayLive = !UsageBuckets.expired(Period.DAY, day, now);
        for (Map.Entry<Long, Long> e : usageByMetricId.entrySet()) {
            long value = e.getValue();
            if (value == 0) {
                continue;
            }
            if (hourLive) {
                buffer.add(new Bucket(appId, e.getKey(), Period.HOUR, hour), value);
            }
            if (dayLive) {
                buffer.add(new Bucket(appId, e.getKey(), Period.DAY, day), value);
            }
        }
    }

    @Override
    public List<Long> series(long appId, long metricId, Period granularity, Instant since, Instant until) {
        long[] starts = UsageBuckets.seriesStarts(granularity, since, until);
        Request mget = Request.cmd(Command.MGET);
        for (long start : starts) {
            mget.arg(key(new Bucket(appId, metricId, granularity, start)));
        }
        Response reply;
        try {
            reply = await(redis.send(mget));
        } catch (RuntimeException e) {
            throw new IllegalStateException("usage stats: cannot read app " + appId + " metric " + metricId
                    + " from Redis: " + e.getMessage(), e);
        }
        List<Long> out = new ArrayList<>(starts.length);
        for (int i = 0; i < starts.length; i++) {
            Response v = reply.get(i);
            long stored = v == null ? 0 : v.toLong();
            out.add(stored + buffer.get(new Bucket(appId, metricId, granularity, starts[i])));
        }
        return out;
    }

    /**
     * Writes the buffer now and waits for Redis. Returns whether everything was written; if not, what
     * was not acknowledged is back in the buffer for the next flush. Blocks; not on an event loop.
     */
    public boolean flush() {
        flushLock.lock();
        try {
            return flushLocked();
        } finally {
            flushLock.unlock();
        }
    }

    /** How many buckets hold an amount waiting to be written (counts them: not for the request path). */
    public int bufferedBuckets() {
        return buffer.pending();
    }

    /** How many buckets were dropped, since start, because the buffer was full while Redis failed. */
    public long droppedBuckets() {
        return dropped.get();
    }

    /** Stops the background flush, flushes once more, and closes the client if this object created it. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        flusher.shutdown();
        try {
            if (!flush()) {
                LOG.warn("usage stats: {} buckets not written to Redis at close", buffer.pending());
            }
        } finally {
            if (ownsClient) {
                redis.close();
            }
        }
    }

    /** The Redis key of {@code bucket}. */
    String key(Bucket bucket) {
        return keyPrefix + ":{" + bucket.appId() + "}:" + bucket.metricId()
                + (bucket.granularity() == Period.HOUR ? ":h:" : ":d:") + bucket.start();
    }

    private boolean flushLocked() {
        Instant now = clock.instant();
        List<Map.Entry<Bucket, Long>> pending = new ArrayList<>();
        for (Map.Entry<Bucket, Long> e : buffer.drain().entrySet()) {
            // Buffered so long it has expired meanwhile: PEXPIREAT in the past would just delete it.
            if (!UsageBuckets.expired(e.getKey().granularity(), e.getKey().start(), now)) {
                pending.add(e);
            }
        }
        int sent = 0;
        try {
            while (sent < pending.size()) {
                List<Map.Entry<Bucket, Long>> chunk = pending.subList(sent, Math.min(sent + BATCH_BUCKETS, pending.size()));
                await(redis.batch(requests(chunk)));
                sent += chunk.size();
            }
        } catch (RuntimeException e) {
            for (Map.Entry<Bucket, Long> unsent : pending.subList(sent, pending.size())) {
                buffer.add(unsent.getKey(), unsent.getValue());
            }
            int overflow = buffer.dropOldest(maxBufferedBuckets);
            failed(e, pending.size() - sent, overflow);
            return false;
        }
        if (failing) {
            failing = false;
            LOG.info("usage stats: writing to Redis again; {} buckets were dropped while it failed", droppedWhileFailing);
        }
        return true;
    }

    private void failed(RuntimeException e, int kept, int overflow) {
        dropped.addAndGet(overflow);
        if (!failing) {
            failing = true;
            droppedWhileFailing = 0;
            LOG.warn("usage stats: cannot write to Redis ({}); keeping {} buckets to retry", e.getMessage(), kept);
        }
        if (overflow > 0 && droppedWhileFailing == 0) {
            LOG.warn("usage stats: buffer full ({} buckets); dropping the oldest until Redis can be written",
                    maxBufferedBuckets);
        }
        droppedWhileFailing += overflow;
    }

    private List<Request> requests(List<Map.Entry<Bucket, Long>> chunk) {
        List<Request> requests = new ArrayList<>(2 * chunk.size());
        for (Map.Entry<Bucket, Long> e : chunk) {
            Bucket b = e.getKey();
            String key = key(b);
            long expireAt = Instant.ofEpochSecond(b.start()).plus(UsageBuckets.retention(b.granularity())).toEpochMilli();
            requests.add(Request.cmd(Command.INCRBY).arg(key).arg(e.getValue()));
            requests.add(Request.cmd(Command.PEXPIREAT).arg(key).arg(expireAt));
        }
        return requests;
    }

    private void flushInBackground() {
        try {
            flush();
        } catch (RuntimeException e) {
            // Never let an exception cancel the periodic task.
            LOG.error("usage stats: flush failed unexpectedly", e);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("redis: no reply within " + TIMEOUT, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("redis: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("redis: interrupted while waiting for a reply", e);
        }
    }
}
