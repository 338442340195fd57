package io.tollgate.model;

import java.time.Instant;

/** A feature of a product that plans can offer; scope ApplicationPlan or ServicePlan. */
public record Feature(
        long id,
        long accountId,
        long serviceId,
        String name,
        String systemName,
        String description,
        String scope,
        boolean visible,
        Instant createdAt,
        Instant updatedAt) {
}
