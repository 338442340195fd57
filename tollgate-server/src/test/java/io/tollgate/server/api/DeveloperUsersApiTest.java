package io.tollgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.common.Passwords;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.DeveloperFixtures;
import io.tollgate.server.testing.PlatformTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeveloperUsersApiTest extends PlatformTest {
    private static DeveloperFixtures developers;

    @BeforeAll
    static void fixtures() {
        developers = new DeveloperFixtures(admin);
    }

    @Test
    void createsAPendingMemberByDefaultWithoutShowingThePassword() throws Exception {
        long account = developers.account();
        String name = DeveloperFixtures.unique("member");

        ApiClient.Response created = admin.post("/admin/api/accounts/" + account + "/users.json",
                Map.of("user", Map.of("username", name, "email", name + "@example.com", "password", "secret-pass")));

        assertThat(created.status()).isEqualTo(201);
        long id = created.at("/user/id").asLong();
        String accountUrl = admin.baseUrl() + "/admin/api/accounts/" + account;
        assertThat(created.headers().firstValue("Location")).hasValue(accountUrl + "/users/" + id);
        assertThat(DeveloperAccountsApiTest.withoutTimestamps(created.json())).isEqualTo(new ObjectMapper().readTree("""
                {"user":{"id":%d,"account_id":%d,"state":"pending","role":"member","username":"%s",
                 "email":"%s@example.com","extra_fields":{},
                 "links":[{"rel":"self","href":"%s/users/%d"},{"rel":"account","href":"%s"}]}}
                """.formatted(id, account, name, name, accountUrl, id, accountUrl)));
        assertThat(created.at("/user/updated_at").asText()).matches(DeveloperAccountsApiTest.TIMESTAMP);
        assertThat(created.text()).doesNotContain("password").doesNotContain("secret-pass");
        assertThat(admin.get("/admin/api/accounts/" + account + "/users/" + id + ".json").json())
                .isEqualTo(created.json());
        assertThat(admin.get("/admin/api/accounts/" + account + "/users.json").at("/users/1/user/id").asLong())
                .isEqualTo(id);
        String hash = platform.database().read(h -> h.createQuery("SELECT password_hash FROM users WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
        assertThat(Passwords.matches("secret-pass", hash)).isTrue();
    }

    @Test
    void validatesUserFields() {
        long account = developers.account();
        String path = "/admin/api/accounts/" + account + "/users.json";

        ApiClient.Response blank = admin.post(path, Map.of("role", "owner"));
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.json().toString()).isEqualTo("{\"errors\":{\"username\":[\"can't be blank\"],"
                + "\"email\":[\"can't be blank\"],\"role\":[\"is not included in the list\"]}}");

        String taken = DeveloperFixtures.unique("dup");
        developers.account(taken);
        ApiClient.Response duplicate = admin.post(path, Map.of("username", taken, "email", "fresh-" + taken
                + "@example.com"));
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.json().toString()).isEqualTo("{\"errors\":{\"username\":[\"has already been taken\"]}}");
        assertThat(admin.get(path).at("/users")).hasSize(1);
    }

    @Test
    void updateChangesUsernameEmailAndPasswordButNotRoleOrState() {
        long account = developers.account();
        String name = DeveloperFixtures.unique("upd");
        long id = developers.user(account, name, "member");
        String path = "/admin/api/accounts/" + account + "/users/" + id + ".json";

        ApiClient.Response updated = admin.put(path, Map.of("username", name + "x", "email", name + "x@example.com",
                "password", "new-secret-pass", "role", "admin", "state", "active"));

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.at("/user/username").asText()).isEqualTo(name + "x");
        assertThat(updated.at("/user/email").asText()).isEqualTo(name + "x@example.com");
        assertThat(updated.at("/user/role").asText()).isEqualTo("member");
        assertThat(updated.at("/user/state").asText()).isEqualTo("pending");
        assertThat(admin.get(path).json()).isEqualTo(updated.json());
        // Keeping one's own name is not a clash.
        assertThat(admin.put(path, Map.of("username", name + "x")).status()).isEqualTo(200);

        ApiClient.Response bad = admin.put(path, Map.of("email", "nope"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().toString()).isEqualTo("{\"errors\":{\"email\":[\"should look like an email address\"]}}");
    }

    @Test
    void rolesChangeButTheLastAdminStaysAdmin() {
        long account = developers.account();
        long owner = developers.firstUser(account);
        long other = developers.user(account, DeveloperFixtures.unique("promo"), "member");
        String base = "/admin/api/accounts/" + account + "/users/";

        ApiClient.Response refused = admin.put(base + owner + "/member.json", Map.of());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().toString())
                .isEqualTo("{\"errors\":{\"role\":[\"cannot be changed for the last admin of the account\"]}}");

        assertThat(admin.put(base + other + "/admin.json", Map.of()).at("/user/role").asText()).isEqualTo("admin");
        assertThat(admin.put(base + owner + "/member.json", Map.of()).at("/user/role").asText()).isEqualTo("member");
        assertThat(admin.get(base + owner + ".json").at("/user/role").asText()).isEqualTo("member");
        assertThat(admin.get(base + other + ".json").at("/user/role").asText()).isEqualTo("admin");
    }

    @Test
    void theLastAdminCannotBeDeletedOthersCan() {
        long account = developers.account();
        long owner = developers.firstUser(account);
        long member = developers.user(account, DeveloperFixtures.unique("del"), "member");
        String base = "/admin/api/accounts/" + account + "/users/";

        ApiClient.Response refused = admin.delete(base + owner + ".json");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().toString())
                .isEqualTo("{\"errors\":{\"base\":[\"last admin of the account cannot be deleted\"]}}");
        assertThat(admin.get(base + owner + ".json").status()).isEqualTo(200);

        assertThat(admin.delete(base + member + ".json").status()).isEqualTo(200);
        assertThat(admin.get(base + member + ".json").status()).isEqualTo(404);
        long second = developers.user(account, DeveloperFixtures.unique("adm"), "admin");
        assertThat(admin.delete(base + owner + ".json").status()).isEqualTo(200);
        assertThat(admin.get("/admin/api/accounts/" + account + "/users.json").at("/users/0/user/id").asLong())
                .isEqualTo(second);
    }

    @Test
    void activateSuspendAndUnsuspendMoveTheState() {
        long account = developers.account();
        long id = developers.user(account, DeveloperFixtures.unique("st"), "member");
        String base = "/admin/api/accounts/" + account + "/users/" + id;

        // Unsuspending a pending user does not skip its activation.
        assertThat(state(base + "/unsuspend.json")).isEqualTo("pending");
        assertThat(state(base + "/activate.json")).isEqualTo("active");
        assertThat(state(base + "/suspend.json")).isEqualTo("suspended");
        assertThat(state(base + "/activate.json")).isEqualTo("suspended");
        assertThat(state(base + "/unsuspend.json")).isEqualTo("active");
        assertThat(admin.get(base + ".json").at("/user/state").asText()).isEqualTo("active");
    }

    @Test
    void aUserIsReachedOnlyUnderItsOwnAccount() {
        long account = developers.account();
        long other = developers.account();
        long id = developers.firstUser(account);

        for (String path : new String[] {"/admin/api/accounts/" + other + "/users/" + id + ".json",
                "/admin/api/accounts/0/users.json", "/admin/api/accounts/x/users/" + id + ".json"}) {
            ApiClient.Response missing = admin.get(path);
            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.json().toString()).isEqualTo("{\"status\":\"Not found\"}");
        }
        assertThat(admin.delete("/admin/api/accounts/" + other + "/users/" + id + ".json").status()).isEqualTo(404);
        assertThat(admin.get("/admin/api/accounts/" + account + "/users/" + id + ".json").status()).isEqualTo(200);
    }

    private static String state(String path) {
        ApiClient.Response response = admin.put(path, Map.of());
        assertThat(response.status()).as(path).isEqualTo(200);
        return response.at("/user/state").asText();
    }
}
