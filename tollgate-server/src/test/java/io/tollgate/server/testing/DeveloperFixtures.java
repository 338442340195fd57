package io.tollgate.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates developer accounts and users through the admin API. Usernames and emails are unique per
 * JVM, so tests can share one platform (they must be unique across a tenant's developers).
 */
public final class DeveloperFixtures {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final ApiClient client;

    public DeveloperFixtures(ApiClient client) {
        this.client = client;
    }

    /** A fresh username-safe name: {@code prefix} and a number. */
    public static String unique(String prefix) {
        return prefix + SEQUENCE.incrementAndGet();
    }

    /** Signs up a developer account whose admin is {@code username} ({@code username@example.com}). */
    public long account(String username) {
        ApiClient.Response created = client.post("/admin/api/signup.json", Map.of("org_name", "Org " + username,
                "username", username, "email", username + "@example.com", "password", "secret-pass"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.at("/account/id").asLong();
    }

    /** A new developer account with a unique admin. */
    public long account() {
        return account(unique("dev"));
    }

    /** Adds a user ({@code member} unless {@code role} says otherwise) to the account. */
    public long user(long accountId, String username, String role) {
        ApiClient.Response created = client.post("/admin/api/accounts/" + accountId + "/users.json",
                Map.of("username", username, "email", username + "@example.com", "role", role));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.at("/user/id").asLong();
    }

    /** The id of the account's first user (its admin after signup). */
    public long firstUser(long accountId) {
        ApiClient.Response users = client.get("/admin/api/accounts/" + accountId + "/users.json");
        assertThat(users.status()).isEqualTo(200);
        return users.at("/users/0/user/id").asLong();
    }
}
