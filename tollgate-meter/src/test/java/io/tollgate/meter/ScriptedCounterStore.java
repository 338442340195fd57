package io.tollgate.meter;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double around a real store: counts the calls that reach it and, by {@link Mode}, passes
 * them on, fails them, or never answers them.
 */
final class ScriptedCounterStore implements CounterStore {
    /** What the next calls do. */
    enum Mode {
        /** Delegate to the wrapped store. */
        PASS,
        /** Fail the stage at once with {@link #failure}. */
        FAIL,
        /** Return a stage that never completes (a paused or blackholed server). */
        HANG
    }

    private final CounterStore delegate;
    private final AtomicInteger calls = new AtomicInteger();
    volatile Mode mode = Mode.PASS;
    volatile RuntimeException failure = new IllegalStateException("store down");

    ScriptedCounterStore(CounterStore delegate) {
        this.delegate = delegate;
    }

    /** Calls that reached this store, whatever the mode. */
    int calls() {
        return calls.get();
    }

    @Override
    public Decision authrep(List<Counter> counters, Instant now) {
        return authrepAsync(counters, now).toCompletableFuture().join();
    }

    @Override
    public Map<String, Long> read(List<Counter> counters, Instant now) {
        return readAsync(counters, now).toCompletableFuture().join();
    }

    @Override
    public CompletionStage<Decision> authrepAsync(List<Counter> counters, Instant now) {
        calls.incrementAndGet();
        return switch (mode) {
            case PASS -> delegate.authrepAsync(counters, now);
            case FAIL -> CompletableFuture.failedFuture(failure);
            case HANG -> new CompletableFuture<>();
        };
    }

    @Override
    public CompletionStage<Map<String, Long>> readAsync(List<Counter> counters, Instant now) {
        calls.incrementAndGet();
        return switch (mode) {
            case PASS -> delegate.readAsync(counters, now);
            case FAIL -> CompletableFuture.failedFuture(failure);
            case HANG -> new CompletableFuture<>();
        };
    }
}
