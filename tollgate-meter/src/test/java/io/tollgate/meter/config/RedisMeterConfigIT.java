package io.tollgate.meter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tollgate.meter.OwnRedisServer;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sink and the follower on two Vert.x instances (two "processes") over the Redis at 127.0.0.1:6379
 * (or {@code -Dtollgate.redis.uri}) under a unique prefix; a private redis-server for the restart case.
 */
class RedisMeterConfigIT {
    private static final String URI = System.getProperty("tollgate.redis.uri", "redis://127.0.0.1:6379");
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    private static Vertx serverVertx;
    private static Vertx meterVertx;
    private static Redis serverRedis;
    private static Redis meterRedis;
    private final RedisMeterConfig keys = new RedisMeterConfig("tollgate:test:" + UUID.randomUUID());
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void connect() throws Exception {
        serverVertx = Vertx.vertx();
        meterVertx = Vertx.vertx();
        serverRedis = Redis.createClient(serverVertx, URI);
        meterRedis = Redis.createClient(meterVertx, URI);
        Response pong = serverRedis.send(Request.cmd(Command.PING)).await(5, TimeUnit.SECONDS);
        assertThat(pong.toString()).as("Redis on " + URI + " must be running").isEqualTo("PONG");
    }

    @AfterAll
    static void disconnect() {
        serverRedis.close();
        meterRedis.close();
        serverVertx.close().await();
        meterVertx.close().await();
    }

    @AfterEach
    void clean() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        serverRedis.send(Request.cmd(Command.DEL).arg(keys.configKey()).arg(keys.versionKey())).await(5, TimeUnit.SECONDS);
    }

    @Test
    void followerSeesAPublishedVersionWithinOneSecond() throws Exception {
        RedisMeterConfigFollower follower = follower(meterRedis);
        follower.start().await(5, TimeUnit.SECONDS);
        assertThat(follower.current().version()).isZero();

        MeterSnapshot v1 = MeterSnapshotJsonTest.fullSnapshot(1_000);
        keys.sink(serverRedis).publish(v1);
        await().atMost(ONE_SECOND).until(() -> follower.current().version() == 1_000);
        assertThat(follower.current().snapshot()).isEqualTo(v1);
        assertThat(follower.current().appByUserKey(10, "uk-1")).isPresent();

        keys.sink(serverRedis).publish(MeterSnapshotJsonTest.fullSnapshot(2_000));
        await().atMost(ONE_SECOND).until(() -> follower.current().version() == 2_000);
    }

    @Test
    void theSubscriptionAloneDeliversANewVersion() throws Exception {
        // Polling every hour: only the PUBLISH can bring the new version within a second.
        RedisMeterConfigFollower follower = new RedisMeterConfigFollower(meterVertx, meterRedis, keys, Duration.ofHours(1));
        toClose.add(follower);
        follower.start().await(5, TimeUnit.SECONDS);
        await().atMost(ONE_SECOND).until(() -> subscribers(serverRedis) == 1);

        keys.sink(serverRedis).publish(MeterSnapshotJsonTest.fullSnapshot(3_000));
        await().atMost(ONE_SECOND).until(() -> follower.current().version() == 3_000);
    }

    @Test
    void followerStartedAfterAPublishLoadsItBeforeStartCompletes() throws Exception {
        keys.sink(serverRedis).publish(MeterSnapshotJsonTest.fullSnapshot(5_000));

        RedisMeterConfigFollower follower = follower(meterRedis);
        follower.start().await(5, TimeUnit.SECONDS);

        assertThat(follower.current().version()).isEqualTo(5_000);
        assertThat(follower.current().snapshot()).isEqualTo(MeterSnapshotJsonTest.fullSnapshot(5_000));
    }

    @Test
    void followerPollsAndCatchesAVersionWrittenWithoutAnAnnouncement() throws Exception {
        keys.sink(serverRedis).publish(MeterSnapshotJsonTest.fullSnapshot(1_000));
        RedisMeterConfigFollower follower = follower(meterRedis);
        follower.start().await(5, TimeUnit.SECONDS);

        // As if the PUBLISH were lost: only the keys change, no message is sent.
        MeterSnapshot v2 = MeterSnapshotJsonTest.fullSnapshot(2_000);
        serverRedis.send(Request.cmd(Command.MSET).arg(keys.configKey()).arg(MeterSnapshotJson.write(v2))
                .arg(keys.versionKey()).arg("2000")).await(5, TimeUnit.SECONDS);

        await().atMost(ONE_SECOND).until(() -> follower.current().version() == 2_000);
        assertThat(follower.current().snapshot()).isEqualTo(v2);
    }

    @Test
    void followerIgnoresAnOlderVersionAndKeepsItsImageOnAnInvalidDocument() throws Exception {
        keys.sink(serverRedis).publish(MeterSnapshotJsonTest.fullSnapshot(3_000));
        RedisMeterConfigFollower follower = follower(meterRedis);
        follower.start().await(5, TimeUnit.SECONDS);
        MeterImage loaded = follower.current();

        keys.sink(serverRedis).publish(MeterSnapshotJsonTest.fullSnapshot(2_000));
        serverRedis.send(Request.cmd(Command.MSET).arg(keys.configKey()).arg("{not json")
                .arg(keys.versionKey()).arg("4000")).await(5, TimeUnit.SECONDS);
        // Two poll periods: the follower has seen version 4000 and failed to parse it, at least once.
        await().pollDelay(Duration.ofMillis(1_100)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(follower.current()).isSameAs(loaded));
    }

    @Test
    void configKeysArePersistentAndPublishReachesSubscribers() throws Exception {
        RedisMeterConfigFollower follower = follower(meterRedis);
        follower.start().await(5, TimeUnit.SECONDS);
        keys.sink(serverRedis).publish(MeterSnapshotJsonTest.fullSnapshot(7_000));

        for (String key : List.of(keys.configKey(), keys.versionKey())) {
            long pttl = serverRedis.send(Request.cmd(Command.PTTL).arg(key)).await(5, TimeUnit.SECONDS).toLong();
            assertThat(pttl).as("PTTL of " + key + " (-1: no TTL, on purpose)").isEqualTo(-1L);
        }
        await().atMost(ONE_SECOND).until(() -> subscribers(serverRedis) == 1);
    }

    @Test
    void followerKeepsItsImageWhileRedisIsDownAndCatchesUpAfterARestart() throws Exception {
        int port = OwnRedisServer.freePort();
        Redis serverSide = Redis.createClient(serverVertx, "redis://127.0.0.1:" + port);
        Redis meterSide = Redis.createClient(meterVertx, "redis://127.0.0.1:" + port);
        toClose.add(() -> serverSide.close().await());
        toClose.add(() -> meterSide.close().await());
        RedisMeterConfigFollower follower = follower(meterSide);
        OwnRedisServer own = OwnRedisServer.start(port);
        try {
            keys.sink(serverSide).publish(MeterSnapshotJsonTest.fullSnapshot(1_000));
            follower.start().await(5, TimeUnit.SECONDS);
            assertThat(follower.current().version()).isEqualTo(1_000);
        } finally {
            own.close();
        }
        assertThatThrownBy(() -> keys.sink(serverSide).publish(MeterSnapshotJsonTest.fullSnapshot(1_500)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("meter config: cannot publish version 1500 to Redis under " + keys.prefix());
        await().pollDelay(Duration.ofMillis(1_100)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(follower.current().version()).isEqualTo(1_000));

        OwnRedisServer restarted = OwnRedisServer.start(port);
        try {
            keys.sink(serverSide).publish(MeterSnapshotJsonTest.fullSnapshot(2_000));
            await().atMost(ONE_SECOND).until(() -> follower.current().version() == 2_000);
            // The poll re-subscribed on the new server.
            await().atMost(ONE_SECOND).until(() -> subscribers(serverSide) == 1);
            follower.close();
        } finally {
            restarted.close();
        }
    }

    @Test
    void publishRefusesToBlockAnEventLoop() throws Exception {
        RedisMeterConfigSink sink = keys.sink(serverRedis);
        Promise<Throwable> thrown = Promise.promise();
        serverVertx.runOnContext(v -> {
            try {
                sink.publish(MeterSnapshot.empty());
                thrown.complete(null);
            } catch (IllegalStateException e) {
                thrown.complete(e);
            }
        });
        assertThat(thrown.future().await(5, TimeUnit.SECONDS))
                .hasMessage("RedisMeterConfigSink.publish blocks; call publishAsync on an event loop");
    }

    private long subscribers(Redis redis) throws Exception {
        return redis.send(Request.cmd(Command.PUBSUB).arg("NUMSUB").arg(keys.channel())).await(5, TimeUnit.SECONDS)
                .get(1).toLong();
    }

    private RedisMeterConfigFollower follower(Redis redis) {
        RedisMeterConfigFollower follower = keys.follower(meterVertx, redis);
        toClose.add(follower);
        return follower;
    }
}
