package io.tollgate.model;

import java.time.Instant;

/** A person who signs in: an admin or member of a tenant (or, later, of a developer account). */
public record User(
        long id,
        long accountId,
        String username,
        String email,
        String role,
        String state,
        Instant createdAt,
        Instant updatedAt) {
}
