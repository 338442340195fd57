package io.tollgate.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class GuardedCounterStoreTest {
    private static final Instant NOW = Instant.parse("2026-03-04T10:15:30Z");
    private static final Counter HITS = new Counter("tg:{1}:hits", Period.MINUTE, 100, 1);

    private final MutableClock clock = new MutableClock(NOW);
    private final MemoryCounterStore backing = new MemoryCounterStore();
    private final ScriptedCounterStore primary = new ScriptedCounterStore(backing);
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger logger;

    @BeforeEach
    void captureLogs() {
        logger = (Logger) LoggerFactory.getLogger(GuardedCounterStore.class);
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    private GuardedCounterStore guard(FailurePolicy policy) {
        return guard(GuardSettings.of(policy));
    }

    private GuardedCounterStore guard(GuardSettings settings) {
        return new GuardedCounterStore(primary, settings, registry, clock);
    }

    /** Fails {@code n} calls through {@code store}, answered by its policy (any answer, or a deny). */
    private static void failCalls(GuardedCounterStore store, int n) {
        for (int i = 0; i < n; i++) {
            store.authrepAsync(List.of(HITS), NOW);
        }
    }

    private double changesTo(String state) {
        return registry.get("tollgate.meter.store.state.changes").tag("to", state).counter().count();
    }

    private double stateGauge() {
        return registry.get("tollgate.meter.store.state").gauge().value();
    }

    @Test
    void passesCallsToAHealthyPrimary() {
        GuardedCounterStore store = guard(FailurePolicy.DENY);
        assertThat(store.authrep(List.of(HITS), NOW).values()).containsExactly(1L);
        assertThat(store.read(List.of(HITS), NOW).values()).containsExactly(1L);
        assertThat(backing.read(List.of(HITS), NOW).values()).containsExactly(1L);
        assertThat(primary.calls()).isEqualTo(2);
        assertThat(store.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(stateGauge()).isZero();
    }

    @Test
    void opensAfterExactlyFiveConsecutiveFailures() {
        GuardedCounterStore store = guard(FailurePolicy.ALLOW);
        primary.mode = ScriptedCounterStore.Mode.FAIL;
        failCalls(store, 4);
        assertThat(store.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        failCalls(store, 1);
        assertThat(store.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(primary.calls()).isEqualTo(5);
        assertThat(stateGauge()).isEqualTo(2.0);
        assertThat(changesTo("open")).isEqualTo(1.0);
        assertThat(registry.get("tollgate.meter.store.failures").counter().count()).isEqualTo(5.0);
    }

    @Test
    void aSuccessResetsTheFailureCount() {
        GuardedCounterStore store = guard(FailurePolicy.ALLOW);
        primary.mode = ScriptedCounterStore.Mode.FAIL;
        failCalls(store, 4);
        primary.mode = ScriptedCounterStore.Mode.PASS;
        store.authrep(List.of(HITS), NOW);
        primary.mode = ScriptedCounterStore.Mode.FAIL;
        failCalls(store, 4);
        assertThat(store.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        failCalls(store, 1);
        assertThat(store.state()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void openCircuitNeverCallsThePrimary() {
        GuardedCounterStore store = guard(FailurePolicy.ALLOW);
        primary.mode = ScriptedCounterStore.Mode.FAIL;
        failCalls(store, 5);
        primary.mode = ScriptedCounterStore.Mode.PASS;
        clock.advance(Duration.ofMillis(999));
        for (int i = 0; i < 100; i++) {
            assertThat(store.authrep(List.of(HITS), NOW).allowed()).isTrue();
            assertThat(store.read(List.of(HITS), NOW).values()).containsExactly(0L);
        }
        assertThat(primary.calls()).isEqualTo(5);
        assertThat(backing.read(List.of(HITS), NOW).values()).containsExactly(0L);
        assertThat(registry.get("tollgate.meter.store.fallbacks").tag("policy", "allow").counter().count())
                .isEqualTo(205.0);
    }

    @Test
    void halfOpenTrialSuccessClosesTheCircuit() {
        GuardedCounterStore store = guard(FailurePolicy.DENY);
        primary.mode = ScriptedCounterStore.Mode.FAIL;
        failCalls(store, 5);
        primary.mode = ScriptedCounterStore.Mode.PASS;
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.authrep(List.of(HITS), NOW).values()).containsExactly(1L);
        assertThat(store.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(primary.calls()).isEqualTo(6);
        assertThat(changesTo("open")).isEqualTo(1.0);
        assertThat(changesTo("half_open")).isEqualTo(1.0);
        assertThat(changesTo("closed")).isEqualTo(1.0);
        assertThat(stateGauge()).isZero();
        assertThat(logs.list).extracting(ILoggingEvent::getLevel)
                .containsExactly(Level.WARN, Level.INFO, Level.INFO);
        assertThat(logs.list.get(0).getFormattedMessage())
                .contains("failed 5 times in a row", "store down", "open for 1000 ms", "on-store-failure=deny");
        assertThat(logs.list.get(1).getFormattedMessage()).contains("half-open");
        assertThat(logs.list.get(2).getFormattedMessage()).contains("recovered");
    }

    @Test
    void halfOpenTrialFailureReopensForAnotherInterval() {
        GuardedCounterStore store = guard(FailurePolicy.ALLOW);
        primary.mode = ScriptedCounterStore.Mode.FAIL;
        failCalls(store, 5);
        clock.advance(Duration.ofSeconds(1));
        failCalls(store, 1);
        assertThat(store.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(primary.calls()).isEqualTo(6);
        clock.advance(Duration.ofMillis(999));
        failCalls(store, 3);
        assertThat(primary.calls()).isEqualTo(6);
        clock.advance(Duration.ofMillis(1));
        primary.mode = ScriptedCounterStore.Mode.PASS;
        store.authrep(List.of(HITS), NOW);
        assertThat(primary.calls()).isEqualTo(7);
        assertThat(store.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(changesTo("open")).isEqualTo(2.0);
        assertThat(changesTo("half_open")).isEqualTo(2.0);
        assertThat(logs.list).hasSize(5);
        assertThat(logs.list.get(2).getFormattedMessage()).contains("still failing", "store down");
    }

    @Test
    void onlyOneTrialRunsWhileHalfOpen() {
        GuardedCounterStore store = guard(GuardSettings.of(FailurePolicy.ALLOW).withTimeout(Duration.ofSeconds(5)));
        primary.mode = ScriptedCounterStore.Mode.FAIL;
        failCalls(store, 5);
        primary.mode = ScriptedCounterStore.Mode.HANG;
        clock.advance(Duration.ofSeconds(1));
        CompletionStage<Decision> trial = store.authrepAsync(List.of(HITS), NOW);
        assertThat(store.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(stateGauge()).isEqualTo(1.0);
        for (int i = 0; i < 10; i++) {
            assertThat(store.authrep(List.of(HITS), NOW).allowed()).isTrue();
        }
        assertThat(primary.calls()).isEqualTo(6);
        assertThat(trial.toCompletableFuture()).isNotDone();
    }

    @Test
    void aHangingPrimaryIsCutOffAtTheTimeout() {
        GuardedCounterStore store = guard(GuardSettings.of(FailurePolicy.ALLOW).withTimeout(Duration.ofMillis(50)));
        primary.mode = ScriptedCounterStore.Mode.HANG;
        long start = System.nanoTime();
        Decision d = store.authrep(List.of(HITS), NOW);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(d.allowed()).isTrue();
        assertThat(millis).isBetween(45L, 50L + 150L);
        assertThat(registry.get("tollgate.meter.store.failures").counter().count()).isEqualTo(1.0);
    }

    @Test
    void denyFailsWithStoreUnavailableOnFailureAndWhileOpen() {
        GuardedCounterStore store = guard(FailurePolicy.DENY);
        primary.mode = ScriptedCounterStore.Mode.FAIL;
        primary.failure = new IllegalStateException("redis: Connection refused: redis://:hunter2@10.0.0.5:6379");
        assertThatThrownBy(() -> store.authrep(List.of(HITS), NOW))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("counter store unavailable: redis: Connection refused: redis://***@10.0.0.5:6379");
        failCalls(store, 4);
        assertThat(store.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> store.read(List.of(HITS), NOW))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("counter store unavailable: circuit open");
        assertThat(store.authrepAsync(List.of(HITS), NOW).toCompletableFuture())
                .failsWithin(Duration.ofSeconds(1))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(StoreUnavailableException.class);
        assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain("hunter2"));
        assertThat(logs.list.get(0).getFormattedMessage()).contains("redis://***@10.0.0.5");
    }

    @Test
    void allowAdmitsAsIfCountersWereEmpty() {
        GuardedCounterStore store = guard(FailurePolicy.ALLOW);
        primary.mode = ScriptedCounterStore.Mode.FAIL;
        Counter zero = new Counter("tg:{1}:zero", Period.DAY, 0, 3);
        Counter big = new Counter("tg:{1}:big", Period.HOUR, 10, 7);
        for (int i = 0; i < 8; i++) {
            Decision d = store.authrep(List.of(zero, big), NOW);
            assertThat(d.allowed()).isTrue();
            assertThat(d.values()).containsExactly(3L, 7L);
        }
        assertThat(store.read(List.of(zero, big), NOW))
                .containsExactly(java.util.Map.entry(zero.key(Period.DAY.window(NOW)), 0L),
                        java.util.Map.entry(big.key(Period.HOUR.window(NOW)), 0L));
    }

    @Test
    void localCountsInMemoryAgainstTheLimitDividedByTheNodes() {
        GuardedCounterStore store = guard(GuardSettings.of(FailurePolicy.LOCAL).withNodes(3));
        primary.mode = ScriptedCounterStore.Mode.FAIL;
        Counter ten = new Counter("tg:{1}:ten", Period.MINUTE, 10, 1);
        Counter unlimited = new Counter("tg:{1}:all", Period.MINUTE, Counter.UNLIMITED, 1);
        int admitted = 0;
        for (int i = 0; i < 10; i++) {
            if (store.authrep(List.of(ten, unlimited), NOW).allowed()) {
                admitted++;
            }
        }
        assertThat(admitted).isEqualTo(4);
        assertThat(store.read(List.of(ten, unlimited), NOW).values()).containsExactly(4L, 4L);
        Decision zero = store.authrep(List.of(new Counter("tg:{1}:zero", Period.MINUTE, 0, 1)), NOW);
        assertThat(zero.allowed()).isFalse();
        assertThat(backing.read(List.of(ten, unlimited), NOW).values()).containsExactly(0L, 0L);
    }

    @Test
    void afterRecoveryThePrimaryIsAuthoritativeAndLocalCountsAreNotMerged() {
        GuardedCounterStore store = guard(GuardSettings.of(FailurePolicy.LOCAL).withNodes(2));
        Counter four = new Counter("tg:{1}:four", Period.MINUTE, 4, 1);
        store.authrep(List.of(four), NOW);
        primary.mode = ScriptedCounterStore.Mode.FAIL;
        assertThat(store.authrep(List.of(four), NOW).values()).containsExactly(1L);
        failCalls(store, 4);
        assertThat(store.state()).isEqualTo(CircuitBreaker.State.OPEN);
        primary.mode = ScriptedCounterStore.Mode.PASS;
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.authrep(List.of(four), NOW).values()).containsExactly(2L);
        assertThat(store.authrep(List.of(four), NOW).values()).containsExactly(3L);
        assertThat(store.authrep(List.of(four), NOW).values()).containsExactly(4L);
        assertThat(store.authrep(List.of(four), NOW).allowed()).isFalse();
    }

    @Test
    void localLimitIsTheCeilingOfTheShare() {
        assertThat(GuardedCounterStore.localLimit(10, 3)).isEqualTo(4);
        assertThat(GuardedCounterStore.localLimit(9, 3)).isEqualTo(3);
        assertThat(GuardedCounterStore.localLimit(1, 4)).isEqualTo(1);
        assertThat(GuardedCounterStore.localLimit(1000, 1)).isEqualTo(1000);
        assertThat(GuardedCounterStore.localLimit(0, 4)).isZero();
        assertThat(GuardedCounterStore.localLimit(Counter.UNLIMITED, 4)).isEqualTo(Counter.UNLIMITED);
        assertThat(GuardedCounterStore.localLimit(Counter.UNLIMITED - 1, 2)).isEqualTo(Long.MAX_VALUE / 2);
    }

    @Test
    void argumentErrorsFailTheCallWithoutMovingTheBreaker() {
        GuardedCounterStore store = guard(FailurePolicy.DENY);
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> store.authrep(List.of(HITS, HITS), NOW))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("duplicate key");
        }
        assertThat(store.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(primary.calls()).isZero();
    }

    @Test
    void prometheusNamesMatchTheDocumentation() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        GuardedCounterStore store = new GuardedCounterStore(primary, GuardSettings.of(FailurePolicy.LOCAL),
                prometheus, clock);
        primary.mode = ScriptedCounterStore.Mode.FAIL;
        failCalls(store, 5);
        String scrape = prometheus.scrape();
        assertThat(scrape).contains("tollgate_meter_store_state 2.0",
                "tollgate_meter_store_state_changes_total{to=\"open\"} 1.0",
                "tollgate_meter_store_state_changes_total{to=\"closed\"} 0.0",
                "tollgate_meter_store_failures_total 5.0",
                "tollgate_meter_store_fallbacks_total{policy=\"local\"} 5.0");
    }
}
