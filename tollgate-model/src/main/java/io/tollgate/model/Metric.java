package io.tollgate.model;

import java.time.Instant;

/**
 * A metric, or a method when {@code parentId} is set (methods are children of "hits", and a call
 * to a method also counts on hits).
 */
public record Metric(
        long id,
        long accountId,
        Owner owner,
        Long parentId,
        String systemName,
        String friendlyName,
        String unit,
        String description,
        Instant createdAt,
        Instant updatedAt) {

    public static final String HITS = "hits";

    public boolean isMethod() {
        return parentId != null;
    }

    public boolean isHits() {
        return parentId == null && HITS.equals(systemName);
    }
}
