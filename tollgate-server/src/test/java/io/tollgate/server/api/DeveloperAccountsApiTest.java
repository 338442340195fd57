package io.tollgate.server.api;

import static io.tollgate.server.api.ProxyApiTest.keys;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.DeveloperFixtures;
import io.tollgate.server.testing.PlatformTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeveloperAccountsApiTest extends PlatformTest {
    static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";
    private static DeveloperFixtures developers;

    @BeforeAll
    static void fixtures() {
        developers = new DeveloperFixtures(admin);
    }

    @Test
    void signupCreatesAnApprovedAccountWithItsFirstAdminUser() throws Exception {
        ApiClient.Response created = admin.post("/admin/api/signup.json", Map.of("org_name", "Pet Lovers",
                "username", "petlover", "email", "pets@example.com", "password", "secret-pass"));

        assertThat(created.status()).isEqualTo(201);
        long id = created.at("/account/id").asLong();
        String base = admin.baseUrl() + "/admin/api/accounts/" + id;
        assertThat(created.headers().firstValue("Location")).hasValue(base);
        assertThat(withoutTimestamps(created.json())).isEqualTo(new ObjectMapper().readTree("""
                {"account":{"id":%d,"state":"approved","org_name":"Pet Lovers","extra_fields":{},
                 "monthly_billing_enabled":false,"monthly_charging_enabled":false,"credit_card_stored":false,
                 "links":[{"rel":"self","href":"%s"},{"rel":"users","href":"%s/users"}]}}
                """.formatted(id, base, base)));
        assertThat(created.at("/account/created_at").asText()).matches(TIMESTAMP);
        assertThat(admin.get("/admin/api/accounts/" + id + ".json").json()).isEqualTo(created.json());

        JsonNode users = admin.get("/admin/api/accounts/" + id + "/users.json").json();
        assertThat(users.at("/users")).hasSize(1);
        assertThat(users.at("/users/0/user/username").asText()).isEqualTo("petlover");
        assertThat(users.at("/users/0/user/role").asText()).isEqualTo("admin");
        assertThat(users.at("/users/0/user/state").asText()).isEqualTo("active");
        assertThat(users.toString()).doesNotContain("password");
    }

    @Test
    void signupWithoutPasswordIsAccepted() {
        ApiClient.Response created = admin.post("/admin/api/signup.json",
                Map.of("account", Map.of("org_name", "No Password", "username", "nopass", "email", "np@example.com")));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.at("/account/org_name").asText()).isEqualTo("No Password");
    }

    @Test
    void signupValidatesRequiredFieldsAndFormats() {
        ApiClient.Response blank = admin.post("/admin/api/signup.json", Map.of());
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.json().toString()).isEqualTo("{\"errors\":{\"org_name\":[\"can't be blank\"],"
                + "\"username\":[\"can't be blank\"],\"email\":[\"can't be blank\"]}}");

        ApiClient.Response bad = admin.post("/admin/api/signup.json", Map.of("org_name", "X",
                "username", "has space", "email", "nope", "password", "short"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().toString()).isEqualTo("{\"errors\":{"
                + "\"username\":[\"should use only letters, numbers, and .-_@+\"],"
                + "\"email\":[\"should look like an email address\"],"
                + "\"password\":[\"is too short (minimum is 8 characters)\"]}}");
    }

    @Test
    void usernameAndEmailAreUniqueAcrossTheTenantsDevelopers() {
        String name = DeveloperFixtures.unique("taken");
        developers.account(name);
        int before = admin.get("/admin/api/accounts.json").at("/accounts").size();

        ApiClient.Response again = admin.post("/admin/api/signup.json", Map.of("org_name", "Another org",
                "username", name, "email", name + "@example.com"));

        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().toString()).isEqualTo("{\"errors\":{\"username\":[\"has already been taken\"],"
                + "\"email\":[\"has already been taken\"]}}");
        assertThat(admin.get("/admin/api/accounts.json").at("/accounts")).hasSize(before);
    }

    @Test
    void theTenantsOwnAdminNameIsFreeForADeveloper() {
        // "admin" is the default tenant's own user; developer users are a separate population.
        ApiClient.Response created = admin.post("/admin/api/signup.json", Map.of("org_name", "Admins Inc",
                "username", "admin", "email", "admin@example.com"));

        assertThat(created.status()).isEqualTo(201);
    }

    @Test
    void listsAccountsPagedAndFilteredByState() {
        long a = developers.account();
        long b = developers.account();
        assertThat(admin.put("/admin/api/accounts/" + b + "/reject.json", Map.of()).status()).isEqualTo(200);

        List<Long> all = ids(admin.get("/admin/api/accounts.json"));
        assertThat(all).contains(a, b).isSorted();
        assertThat(ids(admin.get("/admin/api/accounts.json?state=rejected"))).contains(b).doesNotContain(a);
        assertThat(ids(admin.get("/admin/api/accounts.json?state=approved"))).contains(a).doesNotContain(b);
        assertThat(ids(admin.get("/admin/api/accounts.json?state=nonsense"))).isEmpty();
        assertThat(ids(admin.get("/admin/api/accounts.json?page=2&per_page=1"))).containsExactly(all.get(1));
        assertThat(keys(admin.get("/admin/api/accounts.json").at("/accounts/0"))).containsExactly("account");
    }

    @Test
    void updateChangesOrgNameAndIgnoresOtherFields() {
        long id = developers.account();
        String path = "/admin/api/accounts/" + id + ".json";

        ApiClient.Response updated = admin.put(path, Map.of("account", Map.of("org_name", "Renamed",
                "state", "rejected", "id", 999, "monthly_billing_enabled", true)));

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.at("/account/org_name").asText()).isEqualTo("Renamed");
        assertThat(updated.at("/account/state").asText()).isEqualTo("approved");
        assertThat(updated.at("/account/id").asLong()).isEqualTo(id);
        assertThat(admin.get(path).json()).isEqualTo(updated.json());

        ApiClient.Response blank = admin.put(path, Map.of("org_name", " "));
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.json().toString()).isEqualTo("{\"errors\":{\"org_name\":[\"can't be blank\"]}}");
        assertThat(admin.get(path).at("/account/org_name").asText()).isEqualTo("Renamed");
    }

    @Test
    void approveRejectAndMakePendingChangeTheState() {
        long id = developers.account();
        String path = "/admin/api/accounts/" + id;

        assertThat(admin.put(path + "/reject.json", Map.of()).at("/account/state").asText()).isEqualTo("rejected");
        assertThat(admin.put(path + "/make_pending.json", Map.of()).at("/account/state").asText())
                .isEqualTo("pending");
        assertThat(admin.get(path + ".json").at("/account/state").asText()).isEqualTo("pending");
        ApiClient.Response approved = admin.put(path + "/approve.json", Map.of());
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.at("/account/state").asText()).isEqualTo("approved");
        assertThat(admin.get(path + ".json").at("/account/state").asText()).isEqualTo("approved");
    }

    @Test
    void deleteRemovesTheAccountAndItsUsers() {
        String name = DeveloperFixtures.unique("gone");
        long id = developers.account(name);
        long member = developers.user(id, name + "m", "member");

        assertThat(admin.delete("/admin/api/accounts/" + id + ".json").status()).isEqualTo(200);

        assertThat(admin.get("/admin/api/accounts/" + id + ".json").status()).isEqualTo(404);
        assertThat(admin.get("/admin/api/accounts/find.json?user_id=" + member).status()).isEqualTo(404);
        int users = platform.database().read(h -> h.createQuery("SELECT COUNT(*) FROM users WHERE account_id = :id")
                .bind("id", id).mapTo(Integer.class).one());
        assertThat(users).isZero();
        // The names are free again.
        assertThat(developers.account(name)).isNotEqualTo(id);
        assertThat(admin.delete("/admin/api/accounts/" + id + ".json").status()).isEqualTo(404);
    }

    @Test
    void accountZeroAndNonNumericIdsAreNotFound() {
        for (String path : List.of("/admin/api/accounts/0.json", "/admin/api/accounts/abc.json",
                "/admin/api/accounts/99999999.json")) {
            ApiClient.Response missing = admin.get(path);
            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.json().toString()).isEqualTo("{\"status\":\"Not found\"}");
        }
    }

    @Test
    void findLooksUpByEmailThenUsernameThenUserId() {
        String name = DeveloperFixtures.unique("finder");
        long id = developers.account(name);
        long other = developers.account();
        long user = developers.firstUser(id);

        assertThat(found("email=" + name + "@example.com")).isEqualTo(id);
        assertThat(found("username=" + name)).isEqualTo(id);
        assertThat(found("user_id=" + user)).isEqualTo(id);
        // The first parameter given decides, even when a later one would match.
        ApiClient.Response byEmail = admin.get("/admin/api/accounts/find.json?email=nobody@example.com&username="
                + name);
        assertThat(byEmail.status()).isEqualTo(404);
        assertThat(byEmail.json().toString()).isEqualTo("{\"status\":\"Not found\"}");
        assertThat(found("username=" + name + "&user_id=" + developers.firstUser(other))).isEqualTo(id);
        for (String query : List.of("username=nobody-here", "user_id=0", "user_id=abc", "")) {
            ApiClient.Response missing = admin.get("/admin/api/accounts/find.json?" + query);
            assertThat(missing.status()).as(query).isEqualTo(404);
            assertThat(missing.json().toString()).isEqualTo("{\"status\":\"Not found\"}");
        }
    }

    private static long found(String query) {
        ApiClient.Response response = admin.get("/admin/api/accounts/find.json?" + query);
        assertThat(response.status()).as(query).isEqualTo(200);
        assertThat(keys(response.json())).containsExactly("account");
        return response.at("/account/id").asLong();
    }

    static List<Long> ids(ApiClient.Response list) {
        assertThat(list.status()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        list.at("/accounts").forEach(item -> ids.add(item.at("/account/id").asLong()));
        return ids;
    }

    static JsonNode withoutTimestamps(JsonNode body) {
        JsonNode copy = body.deepCopy();
        copy.forEach(entity -> ((ObjectNode) entity).remove(List.of("created_at", "updated_at")));
        return copy;
    }
}
