package io.tollgate.gateway.policy.ratelimit;

import static io.tollgate.gateway.testing.ProductJson.product;
import static io.tollgate.gateway.testing.TestMeter.hitsId;
import static io.tollgate.gateway.testing.TestMeter.limit;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tollgate.gateway.testing.GatewayHarness;
import io.tollgate.gateway.testing.ProductJson;
import io.tollgate.gateway.testing.RedisProcess;
import io.tollgate.meter.Period;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** rate_limit with counters in a redis-server of the test's own, which it kills and freezes. */
class RedisRateLimitIT {
    private static RedisProcess server;
    private static Vertx vertx;
    private static Redis client;

    @BeforeAll
    static void start() throws Exception {
        server = RedisProcess.start();
        vertx = Vertx.vertx();
        client = Redis.createClient(vertx, server.url());
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().await();
        server.close();
    }

    @BeforeEach
    void running() throws Exception {
        server.ensureRunning();
    }

    private static String unique() {
        return "it-" + UUID.randomUUID();
    }

    @Test
    void sixtyFourThreadsAtLimitLAdmitExactlyLPerWindowInRedisAndEveryKeyHasATtl() throws Exception {
        RedisLimiterStore store = RedisLimiterStore.of(vertx, server.url(), url -> Redis.createClient(vertx,
                new RedisOptions().setConnectionString(url).setMaxPoolSize(8).setMaxPoolWaiting(1024)),
                new SimpleMeterRegistry());
        String name = unique();
        Limiter[] limiters = {LocalLimiterStoreTest.fixed(name, 200, 60), LocalLimiterStoreTest.bucket(name, 1000, 100_000)};
        String[] keys = {limiters[0].prefix() + name, limiters[1].prefix() + name};
        long t0 = System.currentTimeMillis() / 60_000 * 60_000 + 1_000;
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            for (int window = 0; window < 2; window++) {
                long now = t0 + window * 60_000L;
                AtomicInteger admitted = new AtomicInteger();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 64; t++) {
                    done.add(pool.submit(() -> {
                        go.await();
                        for (int i = 0; i < 10; i++) {
                            if (store.acquire(limiters, keys, now, 10_000).toCompletionStage().toCompletableFuture()
                                    .get(20, TimeUnit.SECONDS).admitted()) {
                                admitted.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : done) {
                    f.get();
                }
                assertThat(admitted.get()).as("window %d", window).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        Response found = client.send(Request.cmd(Command.KEYS).arg(RedisLimiterStore.PREFIX + "*" + name + "*")).await();
        assertThat(found.size()).isEqualTo(3); // two windows and the bucket
        for (Response key : found) {
            long ttl = client.send(Request.cmd(Command.PTTL).arg(key.toString())).await().toLong();
            assertThat(ttl).as(key.toString()).isPositive();
        }
    }

    private GatewayHarness gateway() {
        GatewayHarness gw = GatewayHarness.start();
        gw.meter.service(7).plan(70, 7, limit(hitsId(7), Period.MINUTE, 1000)).userKeyApp(700, 7, 70, "good-key")
                .publish();
        return gw;
    }

    private static ProductJson pets(GatewayHarness gw, String configuration) {
        return product(7, "pets.example.com").apiBackend(gw.upstream.url()).rule("GET", "/", "hits")
                .policyFirst("rate_limit", configuration);
    }

    private static int status(GatewayHarness gw) {
        return gw.get("pets.example.com", "/pets?user_key=good-key").status();
    }

    @Test
    void twoGatewaysShareTheLimitThroughRedis() {
        String config = "{\"redis_url\":\"" + server.url() + "\",\"redis_timeout_ms\":2000,\"fixed_window_limiters\":"
                + "[{\"key\":{\"name\":\"" + unique() + "\"},\"count\":3,\"window\":60}]}";
        try (GatewayHarness a = gateway(); GatewayHarness b = gateway()) {
            assertThat(a.load(pets(a, config)).rejected()).isEmpty();
            assertThat(b.load(pets(b, config)).rejected()).isEmpty();

            assertThat(status(a)).isEqualTo(200);
            assertThat(status(b)).isEqualTo(200);
            assertThat(status(a)).isEqualTo(200);
            assertThat(status(b)).isEqualTo(429);
            assertThat(status(a)).isEqualTo(429);
        }
    }

    @Test
    void redisDownIsAConfigurationErrorByDefault500OrPassingInLogMode() throws Exception {
        String name = unique();
        try (GatewayHarness gw = gateway()) {
            assertThat(gw.load(pets(gw, "{\"redis_url\":\"" + server.url() + "\",\"redis_timeout_ms\":2000,"
                    + "\"fixed_window_limiters\":[{\"key\":{\"name\":\"" + name + "\"},\"count\":100,\"window\":60}]}"))
                    .rejected()).isEmpty();
            assertThat(status(gw)).isEqualTo(200);
            server.kill();

            assertThat(status(gw)).isEqualTo(500);
            assertThat(gw.upstream.received()).hasSize(1);

            assertThat(gw.load(pets(gw, "{\"redis_url\":\"" + server.url() + "\",\"fixed_window_limiters\":[{\"key\":"
                    + "{\"name\":\"" + name + "\"},\"count\":100,\"window\":60}],"
                    + "\"configuration_error\":{\"error_handling\":\"log\"}}")).rejected()).isEmpty();
            assertThat(status(gw)).isEqualTo(200);
        }
    }

    @Test
    void localFallbackLimitsPerGatewayWithTheDividedLimitWhileRedisIsDown() throws Exception {
        try (GatewayHarness gw = gateway()) {
            assertThat(gw.load(pets(gw, "{\"redis_url\":\"" + server.url() + "\",\"on_redis_failure\":\"local\","
                    + "\"local_fallback_divisor\":2,\"fixed_window_limiters\":[{\"key\":{\"name\":\"" + unique()
                    + "\"},\"count\":4,\"window\":60}]}")).rejected()).isEmpty();
            server.kill();

            assertThat(status(gw)).isEqualTo(200);
            assertThat(status(gw)).isEqualTo(200);
            assertThat(status(gw)).isEqualTo(429); // 4 shared by 2 gateways: 2 each while Redis is down
        }
    }

    @Test
    void aFrozenRedisCostsAtMostTheTimeoutThenTheBreakerStopsAskingAndRecoveryFollows() throws Exception {
        String name = unique();
        try (GatewayHarness gw = gateway()) {
            assertThat(gw.load(pets(gw, "{\"redis_url\":\"" + server.url() + "\",\"redis_timeout_ms\":100,"
                    + "\"on_redis_failure\":\"local\",\"fixed_window_limiters\":[{\"key\":{\"name\":\"" + name
                    + "\"},\"count\":1000,\"window\":60}]}")).rejected()).isEmpty();
            assertThat(status(gw)).isEqualTo(200); // connected and the script loaded
            server.freeze();

            long slowest = 0;
            for (int i = 0; i < RedisBreaker.FAILURES; i++) {
                long started = System.nanoTime();
                assertThat(status(gw)).isEqualTo(200);
                slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
            }
            long started = System.nanoTime();
            assertThat(status(gw)).isEqualTo(200);
            long whileOpen = (System.nanoTime() - started) / 1_000_000;

            assertThat(slowest).as("each request waits at most about the timeout").isLessThan(600);
            assertThat(whileOpen).as("the open breaker does not wait for Redis").isLessThan(90);

            server.thaw();
            Thread.sleep(RedisBreaker.OPEN_MILLIS + 200);
            assertThat(status(gw)).isEqualTo(200); // the probe succeeds and the breaker closes
            Response count = client.send(Request.cmd(Command.KEYS).arg(RedisLimiterStore.PREFIX + "*" + name + "*"))
                    .await();
            assertThat(count.size()).isEqualTo(1);
        }
    }
}
