package io.tollgate.meter;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RedisCounterStore} addressed through a Sentinel, as {@link RedisSettings#parse} configures it
 * from {@code TOLLGATE_REDIS_TYPE=sentinel}: the Sentinel names the master and the counters land there.
 * Master and Sentinel are the test's own processes.
 */
class RedisSentinelIT {
    private static OwnRedisServer master;
    private static OwnRedisServer sentinel;
    private static Vertx vertx;
    private static RedisCounterStore store;

    @BeforeAll
    static void start() throws Exception {
        master = OwnRedisServer.start();
        sentinel = OwnRedisServer.sentinel(master, "tollgate-master");
        vertx = Vertx.vertx();
        store = new RedisCounterStore(vertx, RedisSettings.parse(sentinel.url(), "sentinel", "tollgate-master",
                "2000"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (store != null) {
            store.close();
        }
        if (vertx != null) {
            vertx.close().await();
        }
        if (sentinel != null) {
            sentinel.close();
        }
        if (master != null) {
            master.close();
        }
    }

    @Test
    void countsOnTheMasterTheSentinelNames() throws Exception {
        Instant now = Instant.now();
        Counter hits = new Counter("tg:{" + UUID.randomUUID() + "}:hits", Period.MINUTE, 2, 1);
        assertThat(store.authrep(List.of(hits), now).values()).containsExactly(1L);
        assertThat(store.authrep(List.of(hits), now).values()).containsExactly(2L);
        assertThat(store.authrep(List.of(hits), now).allowed()).isFalse();
        String key = hits.key(Period.MINUTE.window(now));
        assertThat(master.command("GET " + key)).isEqualTo("$1");
        assertThat(Long.parseLong(master.command("PTTL " + key).substring(1))).isPositive();
    }
}
