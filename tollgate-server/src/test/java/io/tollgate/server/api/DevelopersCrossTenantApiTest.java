package io.tollgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.DeveloperFixtures;
import io.tollgate.server.testing.PlatformTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A tenant sees only its own developers; the tenants' own users are never developer users. */
class DevelopersCrossTenantApiTest extends PlatformTest {
    private static ApiClient other;
    private static long otherTenantId;

    @BeforeAll
    static void otherTenant() {
        ApiClient.Response signup = platform.master().post("/master/api/providers.json", Map.of("org_name", "Other",
                "username", "other", "email", "o@example.com", "password", "secret-pass"));
        assertThat(signup.status()).isEqualTo(201);
        other = platform.as(signup.at("/signup/access_token/value").asText());
        otherTenantId = signup.at("/signup/account/id").asLong();
    }

    @Test
    void anotherTenantsDeveloperAccountIsNotFoundOnEveryRoute() {
        String name = DeveloperFixtures.unique("mine");
        long account = new DeveloperFixtures(admin).account(name);
        long user = new DeveloperFixtures(admin).firstUser(account);
        String path = "/admin/api/accounts/" + account;
        String userPath = path + "/users/" + user;

        List<ApiClient.Response> responses = List.of(other.get(path + ".json"),
                other.put(path + ".json", Map.of("org_name", "Stolen")),
                other.put(path + "/approve.json", Map.of()), other.put(path + "/reject.json", Map.of()),
                other.put(path + "/make_pending.json", Map.of()),
                other.get(path + "/users.json"), other.post(path + "/users.json", Map.of("username", "intruder",
                        "email", "intruder@example.com")),
                other.get(userPath + ".json"), other.put(userPath + ".json", Map.of("username", "renamed")),
                other.put(userPath + "/admin.json", Map.of()), other.put(userPath + "/member.json", Map.of()),
                other.put(userPath + "/suspend.json", Map.of()), other.put(userPath + "/unsuspend.json", Map.of()),
                other.put(userPath + "/activate.json", Map.of()), other.delete(userPath + ".json"),
                other.get("/admin/api/accounts/find.json?email=" + name + "@example.com"),
                other.get("/admin/api/accounts/find.json?username=" + name),
                other.get("/admin/api/accounts/find.json?user_id=" + user),
                other.delete(path + ".json"));

        responses.forEach(r -> {
            assertThat(r.status()).as(r.text()).isEqualTo(404);
            assertThat(r.json().toString()).isEqualTo("{\"status\":\"Not found\"}");
        });
        assertThat(other.get("/admin/api/accounts.json").json().toString()).isEqualTo("{\"accounts\":[]}");
        ApiClient.Response mine = admin.get(path + ".json");
        assertThat(mine.at("/account/org_name").asText()).isEqualTo("Org " + name);
        assertThat(mine.at("/account/state").asText()).isEqualTo("approved");
        assertThat(admin.get(userPath + ".json").at("/user/username").asText()).isEqualTo(name);
        assertThat(admin.get(path + "/users.json").at("/users")).hasSize(1);
    }

    @Test
    void theSameDeveloperNamesMayExistUnderTwoTenants() {
        String name = DeveloperFixtures.unique("shared");
        new DeveloperFixtures(admin).account(name);

        assertThat(new DeveloperFixtures(other).account(name)).isPositive();
    }

    @Test
    void tenantsAndTheirAdminUsersAreNeverDeveloperAccountsOrUsers() {
        long defaultTenant = admin.get("/admin/api/provider.json").at("/account/id").asLong();
        long tenantAdmin = admin.get("/admin/api/provider.json").at("/account/users/0/user/id").asLong();

        for (String path : List.of("/admin/api/accounts/" + defaultTenant + ".json",
                "/admin/api/accounts/" + defaultTenant + "/users.json",
                "/admin/api/accounts/" + defaultTenant + "/users/" + tenantAdmin + ".json",
                "/admin/api/accounts/" + otherTenantId + ".json",
                "/admin/api/accounts/find.json?username=other",
                "/admin/api/accounts/find.json?email=o@example.com",
                "/admin/api/accounts/find.json?user_id=" + tenantAdmin)) {
            assertThat(admin.get(path).status()).as(path).isEqualTo(404);
        }
        assertThat(other.get("/admin/api/accounts/find.json?username=other").status()).isEqualTo(404);
        assertThat(admin.delete("/admin/api/accounts/" + defaultTenant + "/users/" + tenantAdmin + ".json").status())
                .isEqualTo(404);
        assertThat(admin.put("/admin/api/accounts/" + defaultTenant + "/reject.json", Map.of()).status())
                .isEqualTo(404);
        assertThat(admin.get("/admin/api/accounts.json").at("/accounts").findValues("id").stream()
                .map(n -> n.asLong())).doesNotContain(defaultTenant, otherTenantId);
        assertThat(admin.get("/admin/api/provider.json").at("/account/state").asText()).isEqualTo("approved");
    }
}
