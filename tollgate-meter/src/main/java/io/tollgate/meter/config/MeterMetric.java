package io.tollgate.meter.config;

import static java.util.Objects.requireNonNull;

/**
 * A metric or method of a service. Backend metrics are named {@code system_name.backend_id} (the
 * 3scale convention), and a backend's {@code hits} has the product's {@code hits} as parent.
 *
 * @param id the metric id
 * @param name the name callers use in {@code usage[name]}
 * @param parentId the parent metric's id, or 0 for a top-level metric
 */
public record MeterMetric(long id, String name, long parentId) {
    /** Checks the name. */
    public MeterMetric {
        requireNonNull(name, "name");
    }
}
