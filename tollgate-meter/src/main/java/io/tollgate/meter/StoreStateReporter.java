package io.tollgate.meter;

import static java.util.Objects.requireNonNull;

// Micrometer's Counter, not the meter's: this file never handles usage counters.
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line and the metrics for every circuit state change of a {@link GuardedCounterStore}, plus
 * counters of store failures and of calls the failure policy answered. Prometheus names:
 *
 * <ul>
 *   <li>{@code tollgate_meter_store_state} gauge: 0 closed, 1 half-open, 2 open;
 *   <li>{@code tollgate_meter_store_state_changes_total{to="closed|half_open|open"}};
 *   <li>{@code tollgate_meter_store_failures_total}: store calls that failed or timed out;
 *   <li>{@code tollgate_meter_store_fallbacks_total{policy="deny|allow|local"}}: calls answered by the
 *       policy instead of the store (failed calls and calls refused by the open circuit).
 * </ul>
 *
 * <p>Log lines carry the store error's message with any URL password redacted, never the settings.
 */
final class StoreStateReporter implements CircuitBreaker.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedCounterStore.class);

    private final GuardSettings settings;
    private final Map<CircuitBreaker.State, Counter> changes = new EnumMap<>(CircuitBreaker.State.class);
    private final Counter failures;
    private final Counter fallbacks;

    private final MeterRegistry registry;

    StoreStateReporter(GuardSettings settings, MeterRegistry registry) {
        this.settings = requireNonNull(settings, "settings");
        this.registry = requireNonNull(registry, "registry");
        for (CircuitBreaker.State to : CircuitBreaker.State.values()) {
            changes.put(to, Counter.builder("tollgate.meter.store.state.changes")
                    .description("Counter store circuit state changes, by new state")
                    .tag("to", to.tag())
                    .register(registry));
        }
        failures = Counter.builder("tollgate.meter.store.failures")
                .description("Counter store calls that failed or timed out")
                .register(registry);
        fallbacks = Counter.builder("tollgate.meter.store.fallbacks")
                .description("Calls answered by the store failure policy instead of the store")
                .tag("policy", settings.policy().code())
                .register(registry);
    }

    /** Publishes {@code breaker}'s state as the state gauge (the breaker needs this reporter first). */
    void registerStateGauge(CircuitBreaker breaker) {
        Gauge.builder("tollgate.meter.store.state", breaker, b -> b.state().code())
                .description("Counter store circuit: 0 closed, 1 half-open, 2 open")
                .strongReference(true)
                .register(registry);
    }

    /** A store call failed. */
    void failure() {
        failures.increment();
    }

    /** The policy answered a call. */
    void fallback() {
        fallbacks.increment();
    }

    @Override
    public void onStateChange(CircuitBreaker.State from, CircuitBreaker.State to, Throwable cause, int failures) {
        changes.get(to).increment();
        long openMillis = settings.openInterval().toMillis();
        String policy = settings.policy().code();
        switch (to) {
            case OPEN -> {
                if (from == CircuitBreaker.State.HALF_OPEN) {
                    LOG.warn("Counter store still failing ({}); circuit open again for {} ms, on-store-failure={}",
                            describe(cause), openMillis, policy);
                } else {
                    LOG.warn("Counter store failed {} times in a row ({}); circuit open for {} ms,"
                            + " on-store-failure={}", failures, describe(cause), openMillis, policy);
                }
            }
            case HALF_OPEN -> LOG.info("Counter store circuit half-open after {} ms: one trial call", openMillis);
            case CLOSED -> LOG.info("Counter store recovered; circuit closed, counting in the store again");
        }
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return RedisSettings.redact(message);
    }
}
