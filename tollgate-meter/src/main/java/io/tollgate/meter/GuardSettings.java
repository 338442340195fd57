package io.tollgate.meter;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How {@link GuardedCounterStore} protects requests from a failing counter store.
 *
 * @param policy what to answer while the store fails or the circuit is open
 * @param nodes the number of gateway nodes sharing the store, {@code >= 1}; {@link FailurePolicy#LOCAL}
 *     gives each node {@code ceil(limit / nodes)}
 * @param timeout the longest a call waits for the store before the policy answers, {@code > 0}
 * @param failureThreshold consecutive failures that open the circuit, {@code >= 1}
 * @param openInterval how long the circuit stays open before one trial call, {@code > 0}
 */
public record GuardSettings(FailurePolicy policy, int nodes, Duration timeout, int failureThreshold,
        Duration openInterval) {
    /** Consecutive failures that open the circuit by default (reliability.md C12). */
    public static final int DEFAULT_FAILURE_THRESHOLD = 5;
    /** How long the circuit stays open by default before a trial call. */
    public static final Duration DEFAULT_OPEN_INTERVAL = Duration.ofSeconds(1);

    /** Checks every field. */
    public GuardSettings {
        requireNonNull(policy, "policy");
        requireNonNull(timeout, "timeout");
        requireNonNull(openInterval, "openInterval");
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes: " + nodes + " (expected: >= 1)");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
        }
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold: " + failureThreshold + " (expected: >= 1)");
        }
        if (openInterval.isNegative() || openInterval.isZero()) {
            throw new IllegalArgumentException("openInterval: " + openInterval + " (expected: > 0)");
        }
    }

    /** {@code policy} on one node with the default timeout, threshold and open interval. */
    public static GuardSettings of(FailurePolicy policy) {
        return new GuardSettings(policy, 1, RedisSettings.DEFAULT_TIMEOUT, DEFAULT_FAILURE_THRESHOLD,
                DEFAULT_OPEN_INTERVAL);
    }

    /**
     * Settings from the launcher's raw strings, with the default threshold and open interval.
     *
     * @param onStoreFailure {@code TOLLGATE_ON_STORE_FAILURE}, see {@link FailurePolicy#parse}
     * @param meterNodes {@code TOLLGATE_METER_NODES}: a whole number >= 1; {@code null} or blank gives 1
     * @param timeoutMillis {@code TOLLGATE_STORE_TIMEOUT_MS}, see {@link RedisSettings#parseTimeout}
     * @throws IllegalArgumentException naming the variable and the expectation
     */
    public static GuardSettings parse(String onStoreFailure, String meterNodes, String timeoutMillis) {
        return new GuardSettings(FailurePolicy.parse(onStoreFailure), parseNodes(meterNodes),
                RedisSettings.parseTimeout(timeoutMillis), DEFAULT_FAILURE_THRESHOLD, DEFAULT_OPEN_INTERVAL);
    }

    /** A copy with another open interval (tests and tuning). */
    public GuardSettings withOpenInterval(Duration interval) {
        return new GuardSettings(policy, nodes, timeout, failureThreshold, interval);
    }

    /** A copy with another timeout. */
    public GuardSettings withTimeout(Duration newTimeout) {
        return new GuardSettings(policy, nodes, newTimeout, failureThreshold, openInterval);
    }

    /** A copy with another node count. */
    public GuardSettings withNodes(int newNodes) {
        return new GuardSettings(policy, newNodes, timeout, failureThreshold, openInterval);
    }

    private static int parseNodes(String meterNodes) {
        if (meterNodes == null || meterNodes.isBlank()) {
            return 1;
        }
        String text = meterNodes.strip();
        int nodes;
        try {
            nodes = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            nodes = 0;
        }
        if (nodes < 1) {
            throw new IllegalArgumentException("TOLLGATE_METER_NODES: " + text
                    + " (expected: a whole number >= 1, the gateway nodes sharing the counter store)");
        }
        return nodes;
    }
}
