package io.tollgate.meter;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The outcome of {@link CounterStore#authrep}. When allowed, {@code values} holds every counter's value
 * after the deltas were added; when denied, nothing was added, {@code values} holds the current values
 * and {@code exceeded} the indexes (into the request's counter list) whose limit would have been passed.
 *
 * @param allowed whether the usage was admitted and recorded
 * @param values one value per requested counter, in request order
 * @param exceeded indexes of the counters that denied; empty when allowed
 */
public record Decision(boolean allowed, List<Long> values, List<Integer> exceeded) {

    /** Copies the lists and checks consistency. */
    public Decision {
        values = List.copyOf(requireNonNull(values, "values"));
        exceeded = List.copyOf(requireNonNull(exceeded, "exceeded"));
        if (allowed != exceeded.isEmpty()) {
            throw new IllegalArgumentException("exceeded: " + exceeded + " (expected: empty iff allowed)");
        }
    }

    /** An admitted authrep with the new values. */
    public static Decision allowed(List<Long> values) {
        return new Decision(true, values, List.of());
    }

    /** A denied authrep with the unchanged values and the counters that exceeded. */
    public static Decision denied(List<Long> values, List<Integer> exceeded) {
        return new Decision(false, values, exceeded);
    }
}
