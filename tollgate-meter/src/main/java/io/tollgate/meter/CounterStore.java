package io.tollgate.meter;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Usage counters with an atomic check-and-add. Implementations: {@link MemoryCounterStore} (one node)
 * and {@link RedisCounterStore} (shared by every gateway). Calls may block; the gateway calls them off
 * the event loop.
 */
public interface CounterStore {

    /**
     * Atomically: if {@code current + delta <= limit} for every counter (in the window of its period
     * containing {@code now}), adds every delta and returns an allowed decision with the new values;
     * otherwise changes nothing and returns a denied decision with the current values and the
     * counters that exceeded.
     */
    Decision authrep(List<Counter> counters, Instant now);

    /**
     * The current value of each counter in its window containing {@code now}, keyed by the full key
     * ({@link Counter#key(Window)}) in request order; limits and deltas are ignored. A counter never
     * written reads 0.
     */
    Map<String, Long> read(List<Counter> counters, Instant now);

    /**
     * {@link #authrep} without blocking the caller: stores that talk to a server override it; the
     * default runs the synchronous call (right for in-memory stores, whose calls take microseconds).
     * A failure completes the stage exceptionally.
     */
    default CompletionStage<Decision> authrepAsync(List<Counter> counters, Instant now) {
        try {
            return CompletableFuture.completedFuture(authrep(counters, now));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** {@link #read} without blocking the caller; see {@link #authrepAsync}. */
    default CompletionStage<Map<String, Long>> readAsync(List<Counter> counters, Instant now) {
        try {
            return CompletableFuture.completedFuture(read(counters, now));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The full keys of {@code counters} at {@code now}, in order, rejecting duplicates: two counters
     * on one key in a single authrep would each be checked against the same current value.
     */
    static List<String> keysOf(List<Counter> counters, Instant now) {
        requireNonNull(counters, "counters");
        requireNonNull(now, "now");
        List<String> keys = new ArrayList<>(counters.size());
        Set<String> seen = new HashSet<>();
        for (Counter c : counters) {
            String key = c.key(c.period().window(now));
            if (!seen.add(key)) {
                throw new IllegalArgumentException("counters: duplicate key " + key + " (expected: distinct keys)");
            }
            keys.add(key);
        }
        return keys;
    }
}
