package io.tollgate.meter;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link CounterStore} that keeps a failing primary store (Redis) from failing or slowing requests:
 * every call is bounded by a timeout, a circuit breaker stops calling a store that keeps failing, and
 * a {@link FailurePolicy} answers instead of the store (reliability.md C12).
 *
 * <p><b>Timeout.</b> A call that the primary has not answered within {@link GuardSettings#timeout()}
 * counts as failed and is answered by the policy. The Redis store enforces its own timeout with a
 * Vert.x timer; this class adds {@link CompletableFuture#orTimeout} as a backstop for any primary. So
 * a dead, paused or blackholed Redis adds at most the timeout (default 50 ms) to a request.
 *
 * <p><b>Circuit breaker</b> ({@link CircuitBreaker}). After {@link GuardSettings#failureThreshold()}
 * (default 5) consecutive failures the circuit opens: calls no longer touch the primary at all and are
 * answered by the policy at once (no added latency). After {@link GuardSettings#openInterval()}
 * (default 1 s) one call goes to the primary as a trial (half-open): success closes the circuit,
 * failure opens it for another interval. Every state change logs one line (WARN when opening, INFO
 * otherwise) and updates the metrics described in {@link StoreStateReporter}.
 *
 * <p><b>Policies.</b>
 * <ul>
 *   <li>{@link FailurePolicy#DENY}: the stage fails with {@link StoreUnavailableException} (HTTP 503).
 *   <li>{@link FailurePolicy#ALLOW}: authrep answers allowed with values equal to the deltas, as if every
 *       counter were empty, and counts nothing; read answers 0 for every key.
 *   <li>{@link FailurePolicy#LOCAL}: the call is served by a {@link MemoryCounterStore} inside this node,
 *       with each counter's limit divided by {@link GuardSettings#nodes()} ({@link #localLimit}).
 * </ul>
 *
 * <p><b>After recovery</b> the primary's counters are authoritative again. Local fallback counts are
 * not merged into the primary, and the primary keeps what it had (minus what a restart without
 * persistence lost, plus any increments that landed after their call timed out). Counting is therefore
 * exact again from the next window on: accurate again within one window. The local counts stay in
 * memory for their window, so a second outage in the same window continues from them.
 *
 * <p>Argument errors (such as two counters on one key) fail the call as before; they are not store
 * failures and do not move the breaker.
 */
public final class GuardedCounterStore implements CounterStore {
    private final CounterStore primary;
    private final GuardSettings settings;
    private final CircuitBreaker breaker;
    private final StoreStateReporter reporter;
    private final MemoryCounterStore local = new MemoryCounterStore();

    /** Guards {@code primary} with the system clock. */
    public GuardedCounterStore(CounterStore primary, GuardSettings settings, MeterRegistry registry) {
        this(primary, settings, registry, Clock.systemUTC());
    }

    /** Guards {@code primary}; {@code clock} times the open interval (tests move it). */
    public GuardedCounterStore(CounterStore primary, GuardSettings settings, MeterRegistry registry, Clock clock) {
        this.primary = requireNonNull(primary, "primary");
        this.settings = requireNonNull(settings, "settings");
        requireNonNull(registry, "registry");
        requireNonNull(clock, "clock");
        this.reporter = new StoreStateReporter(settings, registry);
        this.breaker = new CircuitBreaker(settings.failureThreshold(), settings.openInterval(), clock, reporter);
        reporter.registerStateGauge(breaker);
    }

    /** The circuit state, for health checks and tests. */
    public CircuitBreaker.State state() {
        return breaker.state();
    }

    @Override
    public Decision authrep(List<Counter> counters, Instant now) {
        return await(authrepAsync(counters, now));
    }

    @Override
    public Map<String, Long> read(List<Counter> counters, Instant now) {
        return await(readAsync(counters, now));
    }

    @Override
    public CompletionStage<Decision> authrepAsync(List<Counter> counters, Instant now) {
        return guarded(counters, now, () -> primary.authrepAsync(counters, now),
                cause -> fallbackAuthrep(counters, now, cause));
    }

    @Override
    public CompletionStage<Map<String, Long>> readAsync(List<Counter> counters, Instant now) {
        return guarded(counters, now, () -> primary.readAsync(counters, now),
                cause -> fallbackRead(counters, now, cause));
    }

    /**
     * The limit one node enforces under {@link FailurePolicy#LOCAL}: {@code ceil(limit / nodes)};
     * 0 stays 0 and {@link Counter#UNLIMITED} stays unlimited.
     */
    public static long localLimit(long limit, int nodes) {
        if (limit == Counter.UNLIMITED || limit == 0) {
            return limit;
        }
        return limit / nodes + (limit % nodes == 0 ? 0 : 1);
    }

    private <T> CompletionStage<T> guarded(List<Counter> counters, Instant now, Supplier<CompletionStage<T>> call,
            Function<Throwable, T> fallback) {
        try {
            CounterStore.keysOf(counters, now);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CircuitBreaker.Permit permit = breaker.acquire();
        if (permit == CircuitBreaker.Permit.REFUSED) {
            return answerByPolicy(fallback, null);
        }
        return bounded(call).handle((value, error) -> {
            if (error == null) {
                breaker.onSuccess(permit);
                return CompletableFuture.completedFuture(value);
            }
            Throwable cause = unwrap(error);
            reporter.failure();
            breaker.onFailure(permit, cause);
            return answerByPolicy(fallback, cause);
        }).thenCompose(Function.identity());
    }

    /** The primary's stage, failed with a {@link TimeoutException} if it outlives the timeout. */
    private <T> CompletableFuture<T> bounded(Supplier<CompletionStage<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            call.get().whenComplete((value, error) -> {
                if (error == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        long millis = settings.timeout().toMillis();
        // orTimeout's own TimeoutException has no message; log lines and 503s should say what happened.
        return result.orTimeout(millis, TimeUnit.MILLISECONDS).exceptionallyCompose(e -> CompletableFuture.failedFuture(
                unwrap(e) instanceof TimeoutException t && t.getMessage() == null
                        ? new TimeoutException("counter store: no reply within " + millis + " ms")
                        : e));
    }

    private <T> CompletionStage<T> answerByPolicy(Function<Throwable, T> fallback, Throwable cause) {
        reporter.fallback();
        try {
            return CompletableFuture.completedFuture(fallback.apply(cause));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Decision fallbackAuthrep(List<Counter> counters, Instant now, Throwable cause) {
        return switch (settings.policy()) {
            case DENY -> throw unavailable(cause);
            case ALLOW -> {
                List<Long> deltas = new ArrayList<>(counters.size());
                counters.forEach(c -> deltas.add(c.delta()));
                yield Decision.allowed(deltas);
            }
            case LOCAL -> {
                List<Counter> scaled = new ArrayList<>(counters.size());
                for (Counter c : counters) {
                    scaled.add(new Counter(c.prefix(), c.period(), localLimit(c.limit(), settings.nodes()), c.delta()));
                }
                yield local.authrep(scaled, now);
            }
        };
    }

    private Map<String, Long> fallbackRead(List<Counter> counters, Instant now, Throwable cause) {
        return switch (settings.policy()) {
            case DENY -> throw unavailable(cause);
            case ALLOW -> {
                Map<String, Long> zeros = new LinkedHashMap<>();
                CounterStore.keysOf(counters, now).forEach(k -> zeros.put(k, 0L));
                yield zeros;
            }
            case LOCAL -> local.read(counters, now);
        };
    }

    private StoreUnavailableException unavailable(Throwable cause) {
        String why = cause == null ? "circuit open" : RedisSettings.redact(String.valueOf(cause.getMessage()));
        return new StoreUnavailableException("counter store unavailable: " + why, cause);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** Waits for a guarded stage; it is bounded by the timeout, so this returns within it. */
    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new StoreUnavailableException("counter store unavailable: " + cause, cause);
        }
    }
}
