package io.tollgate.model;

import java.time.Instant;

/** A product uses a backend at a path ("/" or e.g. "/v1/pets"). */
public record BackendUsage(
        long id,
        long accountId,
        long serviceId,
        long backendApiId,
        String path,
        Instant createdAt,
        Instant updatedAt) {
}
