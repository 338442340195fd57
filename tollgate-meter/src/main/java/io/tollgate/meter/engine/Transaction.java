package io.tollgate.meter.engine;

import java.time.Instant;
import java.util.Map;

/**
 * One transaction of a batch report: the application (by {@code app_id} or {@code user_key}), its usage
 * and optionally when it happened.
 *
 * @param appId the {@code transactions[i][app_id]}, or null
 * @param userKey the {@code transactions[i][user_key]}, or null
 * @param usage metric name → units ({@link Usage#parse})
 * @param timestamp when the usage happened, or null for now
 */
public record Transaction(String appId, String userKey, Map<String, Long> usage, Instant timestamp) {
    /** Copies the usage. */
    public Transaction {
        usage = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(java.util.Objects.requireNonNull(usage, "usage")));
    }
}
