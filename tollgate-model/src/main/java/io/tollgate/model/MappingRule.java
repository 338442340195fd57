package io.tollgate.model;

import java.time.Instant;

/** HTTP method + pattern → metric and delta; evaluated in position order, {@code last} stops. */
public record MappingRule(
        long id,
        long accountId,
        Owner owner,
        long metricId,
        String httpMethod,
        String pattern,
        long delta,
        int position,
        boolean last,
        String redirectUrl,
        Instant createdAt,
        Instant updatedAt) {
}
