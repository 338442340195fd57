package io.tollgate.model;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The price per unit of a metric for the units {@code min} to {@code max} (null: no upper bound)
 * used by an application of a plan in a month.
 *
 * @param metricOwner the product or backend the metric belongs to (links point there)
 * @param serviceId   the product of the plan
 */
public record PricingRule(
        long id,
        long accountId,
        long planId,
        long serviceId,
        long metricId,
        Owner metricOwner,
        BigDecimal costPerUnit,
        long min,
        Long max,
        Instant createdAt,
        Instant updatedAt) {
}
