package io.tollgate.meter;

import static java.util.Objects.requireNonNull;

/**
 * One counter touched by an authrep: the key prefix (e.g. {@code "svc:1:app:42:hits"}), the period, the
 * limit for one window of that period, and the usage to add. A limit of {@link #UNLIMITED} only counts.
 *
 * @param prefix the key prefix; the store appends the window's {@link Window#keySuffix()}
 * @param period the period of the limit
 * @param limit the maximum value allowed in one window, {@code >= 0}
 * @param delta the usage to add, {@code >= 0}
 */
public record Counter(String prefix, Period period, long limit, long delta) {
    /** A limit that never denies: the counter is only counted. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    /** Validates the fields. */
    public Counter {
        requireNonNull(prefix, "prefix");
        requireNonNull(period, "period");
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("prefix: \"\" (expected: non-empty)");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: >= 0)");
        }
        if (delta < 0) {
            throw new IllegalArgumentException("delta: " + delta + " (expected: >= 0)");
        }
    }

    /** The full key of this counter in the window containing {@code window}'s start. */
    public String key(Window window) {
        return prefix + window.keySuffix();
    }

    /** Whether this counter has no limit. */
    public boolean unlimited() {
        return limit == UNLIMITED;
    }
}
