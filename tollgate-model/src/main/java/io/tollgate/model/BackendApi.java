package io.tollgate.model;

import java.time.Instant;
import java.util.Map;

/** An upstream API with its private base URL; products use it at a path (a backend usage). */
public record BackendApi(
        long id,
        long accountId,
        String name,
        String systemName,
        String description,
        String privateEndpoint,
        Map<String, String> annotations,
        Instant createdAt,
        Instant updatedAt) {
}
