package io.tollgate.model;

import java.time.Instant;

/**
 * One recorded change: who ({@code accountId}, {@code userId}; no user for provider-key calls),
 * what ({@code action} create|update|delete on {@code entityType}/{@code entityId}, the request's
 * method and path, and its fields as JSON with secrets redacted) and when.
 */
public record Audit(
        long id,
        long accountId,
        Long userId,
        String action,
        String httpMethod,
        String path,
        String entityType,
        Long entityId,
        int status,
        String changes,
        Instant createdAt) {
}
