package io.tollgate.model;

import java.time.Instant;
import java.util.List;

/**
 * A personal access token. Only the SHA-256 digest of its value is stored; the value itself is
 * shown once, when the token is created.
 */
public record AccessToken(
        long id,
        long userId,
        long accountId,
        String name,
        List<TokenScope> scopes,
        TokenPermission permission,
        Instant expiresAt,
        Instant createdAt) {

    public boolean isExpired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
