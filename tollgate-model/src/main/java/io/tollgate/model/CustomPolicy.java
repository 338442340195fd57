package io.tollgate.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A custom gateway policy in a tenant's policy registry: one version of it, with its manifest.
 *
 * @param schema the policy manifest ({@code name}, {@code summary}, {@code version},
 *               {@code configuration} JSON Schema …)
 */
public record CustomPolicy(
        long id,
        long accountId,
        String name,
        String version,
        ObjectNode schema,
        Instant createdAt,
        Instant updatedAt) {
}
