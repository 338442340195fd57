package io.tollgate.meter;

import java.util.Locale;

/**
 * What {@link GuardedCounterStore} answers when the counter store fails or its circuit is open
 * ({@code TOLLGATE_ON_STORE_FAILURE}).
 */
public enum FailurePolicy {
    /**
     * Fail the call with {@link StoreUnavailableException} (HTTP 503): no request is admitted without
     * its counters. The default: it never admits more than the limits.
     */
    DENY,
    /**
     * Admit every call as if its counters were empty: the decision is allowed and its values are the
     * deltas. Nothing is counted while the store is away, so limits are not enforced then.
     */
    ALLOW,
    /**
     * Count in this node's memory against each limit divided by the number of nodes, rounded up
     * ({@code ceil(L / N)}; 0 stays 0, unlimited stays unlimited), so N nodes together admit about L.
     */
    LOCAL;

    /** The policy when none is configured. */
    public static final FailurePolicy DEFAULT = DENY;

    /** The lower-case name used in configuration, e.g. {@code "local"}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code TOLLGATE_ON_STORE_FAILURE}: {@code deny}, {@code allow} or {@code local} (any case);
     * {@code null} or blank gives {@link #DEFAULT}.
     */
    public static FailurePolicy parse(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "deny" -> DENY;
            case "allow" -> ALLOW;
            case "local" -> LOCAL;
            default -> throw new IllegalArgumentException("TOLLGATE_ON_STORE_FAILURE: " + value.strip()
                    + " (expected: deny, allow or local)");
        };
    }
}
