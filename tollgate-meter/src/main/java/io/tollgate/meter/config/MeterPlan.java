package io.tollgate.meter.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An application plan and its usage limits.
 *
 * @param id the plan id
 * @param serviceId the service the plan belongs to
 * @param name the name shown in {@code <plan>}
 * @param limits every limit of the plan
 */
public record MeterPlan(long id, long serviceId, String name, List<MeterLimit> limits) {
    /** Copies the limits. */
    public MeterPlan {
        requireNonNull(name, "name");
        limits = List.copyOf(requireNonNull(limits, "limits"));
    }
}
