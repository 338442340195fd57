package io.tollgate.model;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An application plan of a product: what applications subscribed to it pay and may do. State is
 * {@code published} or {@code hidden}; at most one plan per product is the default.
 */
public record ApplicationPlan(
        long id,
        long accountId,
        long serviceId,
        String name,
        String systemName,
        String state,
        boolean approvalRequired,
        BigDecimal setupFee,
        BigDecimal costPerMonth,
        Integer trialPeriodDays,
        int cancellationPeriod,
        boolean isDefault,
        Instant createdAt,
        Instant updatedAt) {

    public static final String PUBLISHED = "published";
    public static final String HIDDEN = "hidden";
}
