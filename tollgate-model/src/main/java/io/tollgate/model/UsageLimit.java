package io.tollgate.model;

import java.time.Instant;

/**
 * At most {@code value} units of a metric per period for applications of a plan.
 *
 * @param metricOwner the product or backend the metric belongs to (links point there)
 * @param serviceId   the product of the plan
 */
public record UsageLimit(
        long id,
        long accountId,
        long planId,
        long serviceId,
        long metricId,
        Owner metricOwner,
        String period,
        long value,
        Instant createdAt,
        Instant updatedAt) {
}
