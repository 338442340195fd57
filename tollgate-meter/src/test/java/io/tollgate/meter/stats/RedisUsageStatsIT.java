package io.tollgate.meter.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.tollgate.meter.OwnRedisServer;
import io.tollgate.meter.Period;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RedisUsageStats} on the Redis at 127.0.0.1:6379 (or {@code -Dtollgate.redis.uri}) under a
 * unique key prefix, and on private redis-server processes for the failure cases. Fails, never skips,
 * when Redis is down.
 */
class RedisUsageStatsIT {
    private static final String URI = System.getProperty("tollgate.redis.uri", "redis://127.0.0.1:6379");
    private static final Duration NO_BACKGROUND_FLUSH = Duration.ofHours(1);
    private static final long APP = 42;
    private static final long HITS = 1;
    private static final long SEARCH = 2;

    private static Vertx vertx;
    private static Redis shared;
    private final String prefix = "tg:test:" + UUID.randomUUID();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void connect() throws Exception {
        vertx = Vertx.vertx();
        shared = Redis.createClient(vertx, URI);
        Response pong = shared.send(Request.cmd(Command.PING)).await(5, TimeUnit.SECONDS);
        assertThat(pong.toString()).as("Redis on " + URI + " must be running").isEqualTo("PONG");
    }

    @AfterAll
    static void disconnect() {
        shared.close();
        vertx.close().await();
    }

    /** Every key written has a TTL (none is left to live forever), then the test's keys are deleted. */
    @AfterEach
    void everyKeyHasATtlThenClean() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        List<String> keys = keys(shared);
        for (String key : keys) {
            assertThat(pttl(shared, key)).as("PTTL of " + key).isPositive();
        }
        if (!keys.isEmpty()) {
            Request del = Request.cmd(Command.DEL);
            keys.forEach(del::arg);
            shared.send(del).await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void flushWritesTheBufferThatSeriesReadsBackFromRedis() throws Exception {
        RedisUsageStats stats = stats(shared, 100);
        Instant at = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1)).plus(Duration.ofHours(10));
        stats.record(5, APP, Map.of(HITS, 3L, SEARCH, 1L), at);
        stats.record(5, APP, Map.of(HITS, 2L), at.plus(Duration.ofHours(1)));

        assertThat(stats.series(APP, HITS, Period.HOUR, at, at.plus(Duration.ofHours(1))))
                .as("read from the local buffer before any flush").containsExactly(3L, 2L);
        assertThat(keys(shared)).isEmpty();

        assertThat(stats.flush()).isTrue();
        assertThat(stats.bufferedBuckets()).isZero();
        String hourKey = prefix + ":{" + APP + "}:" + HITS + ":h:" + at.getEpochSecond();
        assertThat(shared.send(Request.cmd(Command.GET).arg(hourKey)).await(5, TimeUnit.SECONDS).toLong()).isEqualTo(3L);

        RedisUsageStats other = stats(shared, 100);
        assertThat(other.series(APP, HITS, Period.HOUR, at, at.plus(Duration.ofHours(1)))).containsExactly(3L, 2L);
        assertThat(other.series(APP, SEARCH, Period.HOUR, at, at.plus(Duration.ofHours(1)))).containsExactly(1L, 0L);
        assertThat(other.series(APP, HITS, Period.DAY, at, at)).containsExactly(5L);
    }

    @Test
    void seriesAddsWhatIsStillBufferedToWhatIsInRedis() {
        RedisUsageStats stats = stats(shared, 100);
        Instant at = Instant.now();
        stats.record(5, APP, Map.of(HITS, 4L), at);
        stats.flush();
        stats.record(5, APP, Map.of(HITS, 1L), at);

        assertThat(stats.series(APP, HITS, Period.DAY, at, at)).containsExactly(5L);
        assertThat(stats.flush()).isTrue();
        assertThat(stats.series(APP, HITS, Period.DAY, at, at)).containsExactly(5L);
    }

    @Test
    void keysExpireAtTheirBucketStartPlusTheRetention() throws Exception {
        RedisUsageStats stats = stats(shared, 100);
        Instant at = Instant.now();
        stats.record(5, APP, Map.of(HITS, 1L), at);
        stats.flush();

        long hourStart = at.truncatedTo(ChronoUnit.HOURS).getEpochSecond();
        long dayStart = at.truncatedTo(ChronoUnit.DAYS).getEpochSecond();
        long hourTtl = pttl(shared, prefix + ":{" + APP + "}:" + HITS + ":h:" + hourStart);
        long dayTtl = pttl(shared, prefix + ":{" + APP + "}:" + HITS + ":d:" + dayStart);
        long now = System.currentTimeMillis();
        assertThat(hourTtl).isCloseTo(hourStart * 1000 + UsageBuckets.HOUR_RETENTION.toMillis() - now,
                within(10_000L));
        assertThat(dayTtl).isCloseTo(dayStart * 1000 + UsageBuckets.DAY_RETENTION.toMillis() - now,
                within(10_000L));
    }

    @Test
    void failedFlushKeepsTheAmountsAndWritesThemOnceRedisIsBack() throws Exception {
        int port = OwnRedisServer.freePort();
        Redis unreachable = client("redis://127.0.0.1:" + port);
        RedisUsageStats stats = stats(unreachable, 100);
        Instant at = Instant.now();
        stats.record(5, APP, Map.of(HITS, 2L), at);

        assertThat(stats.flush()).isFalse();
        assertThat(stats.flush()).as("still failing: nothing was lost the first time").isFalse();
        assertThat(stats.bufferedBuckets()).isEqualTo(2);
        stats.record(5, APP, Map.of(HITS, 1L), at);

        try (OwnRedisServer own = OwnRedisServer.start(port)) {
            assertThat(stats.flush()).isTrue();
            assertThat(stats.bufferedBuckets()).isZero();
            Redis direct = Redis.createClient(vertx, own.url());
            String dayKey = prefix + ":{" + APP + "}:" + HITS + ":d:" + at.truncatedTo(ChronoUnit.DAYS).getEpochSecond();
            assertThat(direct.send(Request.cmd(Command.GET).arg(dayKey)).await(5, TimeUnit.SECONDS).toLong()).isEqualTo(3L);
            for (String key : keys(direct)) {
                assertThat(pttl(direct, key)).as("PTTL of " + key).isPositive();
            }
            direct.close().await();
        }
    }

    @Test
    void fullBufferDropsTheBucketsThatEndedFirstAndCountsThem() throws Exception {
        int port = OwnRedisServer.freePort();
        RedisUsageStats stats = stats(client("redis://127.0.0.1:" + port), 3);
        Instant yesterday = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
        for (int h = 0; h < 5; h++) {
            stats.record(5, APP, Map.of(HITS, 1L), yesterday.plus(Duration.ofHours(h)));
        }

        assertThat(stats.flush()).isFalse();
        assertThat(stats.bufferedBuckets()).isEqualTo(3);
        assertThat(stats.droppedBuckets()).isEqualTo(3);

        OwnRedisServer own = OwnRedisServer.start(port);
        try {
            assertThat(stats.flush()).isTrue();
            assertThat(stats.series(APP, HITS, Period.HOUR, yesterday, yesterday.plus(Duration.ofHours(4))))
                    .containsExactly(0L, 0L, 0L, 1L, 1L);
            assertThat(stats.series(APP, HITS, Period.DAY, yesterday, yesterday)).containsExactly(5L);
        } finally {
            own.close();
        }
    }

    @Test
    void closeFlushesWhatIsBuffered() {
        RedisUsageStats stats = new RedisUsageStats(shared, prefix, Clock.systemUTC(), 100, NO_BACKGROUND_FLUSH);
        Instant at = Instant.now();
        stats.record(5, APP, Map.of(HITS, 6L), at);
        stats.close();

        assertThat(stats(shared, 100).series(APP, HITS, Period.DAY, at, at)).containsExactly(6L);
    }

    @Test
    void backgroundFlushWritesWithinTheInterval() {
        RedisUsageStats stats = new RedisUsageStats(shared, prefix, Clock.systemUTC(), 100, Duration.ofMillis(200));
        toClose.add(stats);
        Instant at = Instant.now();
        stats.record(5, APP, Map.of(HITS, 1L), at);

        await().atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(keys(shared)).hasSize(2));
        assertThat(stats.bufferedBuckets()).isLessThanOrEqualTo(2);
    }

    private RedisUsageStats stats(Redis redis, int maxBufferedBuckets) {
        RedisUsageStats stats = new RedisUsageStats(redis, prefix, Clock.systemUTC(), maxBufferedBuckets,
                NO_BACKGROUND_FLUSH);
        toClose.add(stats);
        return stats;
    }

    private Redis client(String uri) {
        Redis redis = Redis.createClient(vertx, uri);
        toClose.add(() -> redis.close().await());
        return redis;
    }

    private List<String> keys(Redis redis) throws Exception {
        List<String> out = new ArrayList<>();
        String cursor = "0";
        do {
            Response r = redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(prefix + ":*")
                    .arg("COUNT").arg(1000)).await(5, TimeUnit.SECONDS);
            cursor = r.get(0).toString();
            r.get(1).forEach(k -> out.add(k.toString()));
        } while (!cursor.equals("0"));
        return out;
    }

    private static long pttl(Redis redis, String key) throws Exception {
        return redis.send(Request.cmd(Command.PTTL).arg(key)).await(5, TimeUnit.SECONDS).toLong();
    }
}
