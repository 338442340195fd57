package io.tollgate.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * reliability.md C12 on a redis-server of the test's own: {@code kill -9}, {@code CLIENT PAUSE 5000}
 * and {@code kill -STOP}, with every failure policy. Each call during the outage returns within the
 * 50 ms timeout plus {@link #TOLERANCE_MILLIS}; after five failures the circuit opens and calls no
 * longer reach Redis; once Redis is back, the circuit closes and counting is exact again.
 */
class RedisFailureIT extends OwnRedisTest {
    private static final Duration TIMEOUT = Duration.ofMillis(50);
    /** Scheduling slack on a shared, busy build machine. */
    private static final long TOLERANCE_MILLIS = 40;
    private static final long BOUND_MILLIS = TIMEOUT.toMillis() + TOLERANCE_MILLIS;
    private static final int NODES = 4;


    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Instant now = Instant.now();
    private final String prefix = "tg:{" + UUID.randomUUID() + "}:";
    private RedisCounterStore redis;
    private ScriptedCounterStore primary;

    @BeforeEach
    void connect() throws Exception {
        redis = new RedisCounterStore(vertx, new RedisSettings(List.of(server.url()), RedisSettings.Type.STANDALONE,
                "", 8, TIMEOUT));
        // Connection set-up and class loading would not fit in the first calls' 50 ms.
        redis.preload(Duration.ofSeconds(10)).toCompletableFuture().get();
        primary = new ScriptedCounterStore(redis);
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    private GuardedCounterStore guard(FailurePolicy policy) {
        return new GuardedCounterStore(primary, GuardSettings.of(policy).withNodes(NODES).withTimeout(TIMEOUT),
                registry);
    }

    private Counter counter(String name, long limit) {
        return new Counter(prefix + name, Period.MINUTE, limit, 1);
    }

    @ParameterizedTest
    @EnumSource(FailurePolicy.class)
    void killNineThenRestart(FailurePolicy policy) throws Exception {
        GuardedCounterStore store = guard(policy);
        Counter hits = counter("hits", 1_000);
        warmUp(store, hits);

        server.kill9();
        outage(store, policy, hits);
        server.launch();
        recover(store);

        // appendonly no: the restart lost the counter (docs/configuration.md, durability per mode).
        assertThat(redis.read(List.of(hits), now).values()).containsExactly(0L);
        assertExactAgain(store);
    }

    @ParameterizedTest
    @EnumSource(FailurePolicy.class)
    void clientPauseThenResume(FailurePolicy policy) throws Exception {
        GuardedCounterStore store = guard(policy);
        Counter hits = counter("hits", 1_000);
        warmUp(store, hits);

        long pausedAt = System.nanoTime();
        server.pause(5_000);
        outage(store, policy, hits);
        recover(store);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pausedAt))
                .as("the circuit closed only once the pause was over").isGreaterThanOrEqualTo(4_900);

        // The five timed-out calls were queued in Redis and ran after the pause; open calls never got there.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(redis.read(List.of(hits), now).values()).containsExactly(3L + 5L));
        assertExactAgain(store);
    }

    @Test
    void sigStopThenSigCont() throws Exception {
        GuardedCounterStore store = guard(FailurePolicy.LOCAL);
        Counter hits = counter("hits", 1_000);
        warmUp(store, hits);

        server.stop();
        outage(store, FailurePolicy.LOCAL, hits);
        server.resume();
        recover(store);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(redis.read(List.of(hits), now).values()).containsExactly(3L + 5L));
        assertExactAgain(store);
    }

    /** Three calls counted in Redis (not answered by the policy): Redis is up and the client warm. */
    private void warmUp(GuardedCounterStore store, Counter hits) {
        for (long i = 1; i <= 3; i++) {
            assertThat(store.authrep(List.of(hits), now).values()).containsExactly(i);
        }
        assertThat(redis.read(List.of(hits), now).values()).containsExactly(3L);
        assertThat(registry.get("tollgate.meter.store.failures").counter().count()).isZero();
        assertThat(store.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    /**
     * Five calls fail within the bound and open the circuit; twenty more are answered by the policy
     * at once without reaching Redis.
     */
    private void outage(GuardedCounterStore store, FailurePolicy policy, Counter hits) {
        int callsBefore = primary.calls();
        List<Long> failing = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            long local = i;
            long millis = timed(() -> answerByPolicy(store, policy, hits, local));
            failing.add(millis);
            assertThat(millis).as("failing call %d", i).isLessThanOrEqualTo(BOUND_MILLIS);
            assertThat(store.state()).isEqualTo(i < 5 ? CircuitBreaker.State.CLOSED : CircuitBreaker.State.OPEN);
        }
        assertThat(primary.calls()).isEqualTo(callsBefore + 5);

        List<Long> open = new ArrayList<>();
        for (int i = 6; i <= 25; i++) {
            long local = i;
            open.add(timed(() -> answerByPolicy(store, policy, hits, local)));
        }
        assertThat(primary.calls()).as("open-circuit calls never reach Redis").isEqualTo(callsBefore + 5);
        Collections.sort(open);
        System.out.printf("%s: failing calls %s ms; open-circuit calls median %d ms, max %d ms%n", policy, failing,
                open.get(open.size() / 2), open.get(open.size() - 1));
        assertThat(open.get(open.size() / 2)).as("median open-circuit latency, ms").isLessThanOrEqualTo(2);
        assertThat(open.get(open.size() - 1)).as("max open-circuit latency, ms").isLessThan(TIMEOUT.toMillis());
        if (policy == FailurePolicy.LOCAL) {
            // Limit 8 over 4 nodes: this node admits 2 while Redis is away.
            Counter eight = counter("eight", 8);
            assertThat(store.authrep(List.of(eight), now).allowed()).isTrue();
            assertThat(store.authrep(List.of(eight), now).allowed()).isTrue();
            assertThat(store.authrep(List.of(eight), now).allowed()).isFalse();
        }
        assertThat(registry.get("tollgate.meter.store.state").gauge().value()).isEqualTo(2.0);
    }

    /**
     * One call answered by the policy: 503 for deny, the delta for allow, and for local the node's own
     * count, which started at 0 when Redis went away.
     */
    private void answerByPolicy(GuardedCounterStore store, FailurePolicy policy, Counter hits, long localCount) {
        switch (policy) {
            case DENY -> assertThatThrownBy(() -> store.authrep(List.of(hits), now))
                    .isInstanceOf(StoreUnavailableException.class);
            case ALLOW -> assertThat(store.authrep(List.of(hits), now).values()).containsExactly(1L);
            case LOCAL -> {
                Decision d = store.authrep(List.of(hits), now);
                assertThat(d.allowed()).isTrue();
                assertThat(d.values()).containsExactly(localCount);
            }
        }
    }

    /** Calls until the circuit closes; every call, trials included, stays within the bound. */
    private void recover(GuardedCounterStore store) {
        Counter probe = counter("probe", Counter.UNLIMITED);
        List<Long> latencies = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
            latencies.add(timed(() -> {
                try {
                    store.authrep(List.of(probe), now);
                } catch (StoreUnavailableException expectedWhileDown) {
                    // deny policy: the probe is refused until the store is back
                }
            }));
            return store.state() == CircuitBreaker.State.CLOSED;
        });
        assertThat(latencies).allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(BOUND_MILLIS));
        assertThat(registry.get("tollgate.meter.store.state.changes").tag("to", "closed").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get("tollgate.meter.store.state").gauge().value()).isZero();
    }

    /** A fresh counter with limit 20 admits exactly 20 of 30, and Redis holds 20. */
    private void assertExactAgain(GuardedCounterStore store) {
        Counter twenty = counter("twenty", 20);
        int admitted = 0;
        for (int i = 0; i < 30; i++) {
            if (store.authrep(List.of(twenty), now).allowed()) {
                admitted++;
            }
        }
        assertThat(admitted).isEqualTo(20);
        assertThat(redis.read(List.of(twenty), now).values()).containsExactly(20L);
        assertThat(store.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private static long timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
