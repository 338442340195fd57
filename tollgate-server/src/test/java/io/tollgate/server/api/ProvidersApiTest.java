package io.tollgate.server.api;

import static io.tollgate.server.api.ProxyApiTest.keys;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.server.testing.AdminFixtures;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.TestPlatform;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The master API's {@code /master/api/providers}: tenant signup, list, show, update, suspend and delete. */
class ProvidersApiTest {
    static final String ACCESS_DENIED = "{\"error\":\"Access denied\"}";
    private static final String PROVIDERS = "/master/api/providers";

    private static TestPlatform platform;
    private static ApiClient master;
    private static ApiClient admin;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start();
        master = platform.master();
        admin = platform.admin();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    /** Signs up a tenant called {@code orgName} and checks it answered 201. */
    static ApiClient.Response signup(ApiClient master, String orgName) {
        String user = orgName.toLowerCase().replaceAll("[^a-z0-9]", "");
        ApiClient.Response created = master.post(PROVIDERS + ".json", Map.of("org_name", orgName,
                "username", user, "email", user + "@example.com", "password", "secret-pass"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created;
    }

    @Test
    void signupAnswersAccountAndReadWriteTokenWithLocation() {
        ApiClient.Response created = master.post(PROVIDERS + ".json", Map.of("org_name", "Signup Shape",
                "username", "shape", "email", "shape@example.com", "password", "secret-pass"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(keys(created.json())).containsExactly("signup");
        assertThat(keys(created.at("/signup"))).containsExactlyInAnyOrder("account", "access_token");
        JsonNode token = created.at("/signup/access_token");
        assertThat(keys(token)).containsExactly("id", "name", "scopes", "permission", "value");
        assertThat(token.get("id").isIntegralNumber()).isTrue();
        assertThat(token.get("scopes").toString()).isEqualTo("[\"account_management\"]");
        assertThat(token.get("permission").asText()).isEqualTo("rw");
        assertThat(token.get("value").asText()).hasSizeGreaterThan(20);
        JsonNode account = created.at("/signup/account");
        long id = account.get("id").asLong();
        assertThat(account.get("org_name").asText()).isEqualTo("Signup Shape");
        assertThat(account.get("state").asText()).isEqualTo("approved");
        assertThat(account.get("admin_domain").asText()).isEqualTo("signup-shape-admin.localhost");
        assertThat(account.at("/users/0/user/username").asText()).isEqualTo("shape");
        assertThat(account.at("/users/0/user/email").asText()).isEqualTo("shape@example.com");
        assertThat(account.at("/users/0/user/role").asText()).isEqualTo("admin");
        assertThat(account.at("/users/0/user").has("password")).isFalse();
        assertThat(account.at("/links/0/href").asText()).isEqualTo(master.baseUrl() + PROVIDERS + "/" + id);
        assertThat(created.headers().firstValue("Location")).hasValue(master.baseUrl() + PROVIDERS + "/" + id);
        // The provider key is stored as a digest: the signup answer is the only place it appears.
        String providerKey = account.get("provider_key").asText();
        assertThat(providerKey).matches("[0-9a-f]{64}");
        assertThat(platform.anonymous().get("/admin/api/provider.json?provider_key=" + providerKey)
                .at("/account/id").asLong()).isEqualTo(id);
        JsonNode shown = master.get(PROVIDERS + "/" + id + ".json").at("/account");
        assertThat(shown.has("provider_key")).isFalse();
        assertThat(shown).isEqualTo(((com.fasterxml.jackson.databind.node.ObjectNode) account.deepCopy())
                .without("provider_key"));
    }

    @Test
    void newTenantsTokenSeesOnlyItsOwnEmptyProductList() {
        long defaultProduct = new AdminFixtures(admin).product();
        ApiClient tenant = platform.as(signup(master, "Isolated Org").at("/signup/access_token/value").asText());

        ApiClient.Response list = tenant.get("/admin/api/services.json");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().toString()).isEqualTo("{\"services\":[]}");
        ApiClient.Response foreign = tenant.get("/admin/api/services/" + defaultProduct + ".json");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().toString()).isEqualTo("{\"status\":\"Not found\"}");
        assertThat(tenant.delete("/admin/api/services/" + defaultProduct + ".json").status()).isEqualTo(404);
        assertThat(admin.get("/admin/api/services/" + defaultProduct + ".json").status()).isEqualTo(200);

        long own = new AdminFixtures(tenant).product();
        assertThat(ids(tenant.get("/admin/api/services.json").at("/services"), "service")).containsExactly(own);
        assertThat(ids(admin.get("/admin/api/services.json").at("/services"), "service")).doesNotContain(own);
    }

    @Test
    void formEncodedSignupWorks() {
        ApiClient.Response created = master.form("POST", PROVIDERS + ".json",
                "org_name=Form+Org&username=formuser&email=form%40example.com&password=secret-pass");

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.at("/signup/account/org_name").asText()).isEqualTo("Form Org");
        assertThat(created.at("/signup/account/users/0/user/email").asText()).isEqualTo("form@example.com");
        assertThat(platform.as(created.at("/signup/access_token/value").asText())
                .get("/admin/api/services.json").status()).isEqualTo(200);
    }

    @Test
    void listsTenantsWrappedAndPaginated() {
        long first = signup(master, "Listed One").at("/signup/account/id").asLong();
        long second = signup(master, "Listed Two").at("/signup/account/id").asLong();

        ApiClient.Response all = master.get(PROVIDERS + ".json");
        assertThat(all.status()).isEqualTo(200);
        assertThat(keys(all.json())).containsExactly("accounts");
        List<Long> allIds = ids(all.at("/accounts"), "account");
        assertThat(allIds).contains(first, second).isSorted();
        int index = allIds.indexOf(second);
        ApiClient.Response page = master.get(PROVIDERS + ".json?per_page=1&page=" + (index + 1));
        assertThat(ids(page.at("/accounts"), "account")).containsExactly(second);
        assertThat(master.get(PROVIDERS + ".json?per_page=500&page=2").at("/accounts").size()).isZero();
    }

    @Test
    void updatesNameAndSupportEmail() {
        long id = signup(master, "Before Rename").at("/signup/account/id").asLong();

        ApiClient.Response updated = master.put(PROVIDERS + "/" + id + ".json",
                Map.of("account", Map.of("org_name", "After Rename", "support_email", "help@after.example")));

        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.at("/account/org_name").asText()).isEqualTo("After Rename");
        assertThat(updated.at("/account/support_email").asText()).isEqualTo("help@after.example");
        assertThat(master.get(PROVIDERS + "/" + id + ".json").at("/account")).isEqualTo(updated.at("/account"));
        ApiClient.Response invalid = master.put(PROVIDERS + "/" + id + ".json", Map.of("support_email", "nope"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().toString())
                .isEqualTo("{\"errors\":{\"support_email\":[\"should look like an email address\"]}}");
    }

    @Test
    void suspendedTenantTokenIsDeniedUntilResumed() {
        ApiClient.Response created = signup(master, "Suspendable");
        long id = created.at("/signup/account/id").asLong();
        ApiClient tenant = platform.as(created.at("/signup/access_token/value").asText());

        ApiClient.Response suspended = master.put(PROVIDERS + "/" + id + ".json", Map.of("state_event", "suspend"));
        assertThat(suspended.status()).isEqualTo(200);
        assertThat(suspended.at("/account/state").asText()).isEqualTo("suspended");
        ApiClient.Response denied = tenant.get("/admin/api/services.json");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().toString()).isEqualTo(ACCESS_DENIED);

        ApiClient.Response invalid = master.put(PROVIDERS + "/" + id + ".json", Map.of("state_event", "explode"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().toString())
                .isEqualTo("{\"errors\":{\"state_event\":[\"is not included in the list\"]}}");
        assertThat(master.get(PROVIDERS + "/" + id + ".json").at("/account/state").asText()).isEqualTo("suspended");

        ApiClient.Response resumed = master.put(PROVIDERS + "/" + id + ".json", Map.of("state_event", "resume"));
        assertThat(resumed.at("/account/state").asText()).isEqualTo("approved");
        assertThat(tenant.get("/admin/api/services.json").status()).isEqualTo(200);
    }

    @Test
    void deletedTenantLosesAccessAndEverythingItOwned() {
        ApiClient.Response created = signup(master, "Doomed Org");
        long id = created.at("/signup/account/id").asLong();
        ApiClient tenant = platform.as(created.at("/signup/access_token/value").asText());
        AdminFixtures fixtures = new AdminFixtures(tenant);
        long product = fixtures.product();
        fixtures.metric("/admin/api/services/" + product);
        fixtures.backend();
        assertThat(count("services", id)).isEqualTo(1);
        assertThat(count("metrics", id)).isEqualTo(3);

        ApiClient.Response deleted = master.delete(PROVIDERS + "/" + id + ".json");

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.text()).isEmpty();
        ApiClient.Response denied = tenant.get("/admin/api/services.json");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().toString()).isEqualTo(ACCESS_DENIED);
        for (String table : List.of("services", "metrics", "proxies", "backend_apis", "users", "access_tokens")) {
            assertThat(count(table, id)).as(table).isZero();
        }
        assertThat(master.get(PROVIDERS + "/" + id + ".json").status()).isEqualTo(404);
        assertThat(master.delete(PROVIDERS + "/" + id + ".json").status()).isEqualTo(404);
    }

    @Test
    void signupRequiresEveryField() {
        ApiClient.Response missing = master.post(PROVIDERS + ".json", Map.of());
        ApiClient.Response badEmail = master.post(PROVIDERS + ".json", Map.of("org_name", "Bad Mail",
                "username", "badmail", "email", "not-an-email", "password", "secret-pass"));

        assertThat(missing.status()).isEqualTo(422);
        for (String field : List.of("org_name", "username", "email", "password")) {
            assertThat(missing.at("/errors/" + field).toString()).as(field).isEqualTo("[\"can't be blank\"]");
        }
        assertThat(badEmail.status()).isEqualTo(422);
        assertThat(badEmail.json().toString())
                .isEqualTo("{\"errors\":{\"email\":[\"should look like an email address\"]}}");
        assertThat(master.get(PROVIDERS + ".json").at("/accounts").findValues("org_name").toString())
                .doesNotContain("Bad Mail");
    }

    @Test
    void duplicateOrgNameIsTaken() {
        signup(master, "Twice Org");

        ApiClient.Response again = master.post(PROVIDERS + ".json", Map.of("org_name", "Twice Org",
                "username", "second", "email", "second@example.com", "password", "secret-pass"));

        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().toString()).isEqualTo("{\"errors\":{\"subdomain\":[\"has already been taken\"]}}");
        long named = master.get(PROVIDERS + ".json").at("/accounts").findValues("org_name").stream()
                .filter(n -> n.asText().equals("Twice Org")).count();
        assertThat(named).isEqualTo(1);
    }

    @Test
    void subdomainIsAHostLabelThatCannotCollideWithAnotherTenantsHosts() {
        signup(master, "Host Clash");
        ApiClient.Response upperCase = master.post(PROVIDERS + ".json", Map.of("org_name", "Other Clash",
                "subdomain", "HOST-CLASH", "username", "u1", "email", "u1@example.com", "password", "secret-pass"));
        ApiClient.Response underscore = master.post(PROVIDERS + ".json", Map.of("org_name", "Under Score",
                "subdomain", "under_score", "username", "u2", "email", "u2@example.com", "password", "secret-pass"));
        ApiClient.Response adminHost = master.post(PROVIDERS + ".json", Map.of("org_name", "Host Clash Admin",
                "username", "u3", "email", "u3@example.com", "password", "secret-pass"));
        ApiClient.Response explicit = master.post(PROVIDERS + ".json", Map.of("org_name", "Acme Admin",
                "subdomain", "Acme-Corp", "username", "u4", "email", "u4@example.com", "password", "secret-pass"));

        assertThat(upperCase.status()).isEqualTo(422);
        assertThat(upperCase.json().toString())
                .isEqualTo("{\"errors\":{\"subdomain\":[\"has already been taken\"]}}");
        assertThat(underscore.status()).isEqualTo(422);
        assertThat(underscore.at("/errors/subdomain/0").asText()).startsWith("invalid.");
        assertThat(adminHost.status()).isEqualTo(422);
        assertThat(adminHost.json().toString()).isEqualTo("{\"errors\":{\"subdomain\":[\"is reserved\"]}}");
        assertThat(explicit.status()).as(explicit.text()).isEqualTo(201);
        assertThat(explicit.at("/signup/account/domain").asText()).isEqualTo("acme-corp.localhost");
        assertThat(explicit.at("/signup/account/admin_domain").asText()).isEqualTo("acme-corp-admin.localhost");
        assertThat(master.get(PROVIDERS + ".json").at("/accounts").findValuesAsText("org_name"))
                .doesNotContain("Other Clash", "Under Score", "Host Clash Admin");
    }

    @Test
    void tenantAdminTokenIsDeniedOnTheMasterApi() {
        long someTenant = signup(master, "Guarded Tenant").at("/signup/account/id").asLong();
        for (ApiClient.Response r : List.of(admin.get(PROVIDERS + ".json"),
                admin.get(PROVIDERS + "/" + someTenant + ".json"),
                admin.post(PROVIDERS + ".json", Map.of("org_name", "Sneaky", "username", "sneaky",
                        "email", "s@example.com", "password", "secret-pass")),
                admin.put(PROVIDERS + "/" + someTenant + ".json", Map.of("state_event", "suspend")),
                admin.delete(PROVIDERS + "/" + someTenant + ".json"))) {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.json().toString()).isEqualTo(ACCESS_DENIED);
        }
        assertThat(master.get(PROVIDERS + "/" + someTenant + ".json").at("/account/state").asText())
                .isEqualTo("approved");
    }

    @Test
    void masterAndDefaultTenantAreNotReachableAsProviders() {
        long defaultTenant = admin.get("/admin/api/provider.json").at("/account/id").asLong();
        long masterId = master.get("/admin/api/provider.json").at("/account/id").asLong();

        assertThat(master.get(PROVIDERS + "/" + masterId + ".json").status()).isEqualTo(404);
        assertThat(master.delete(PROVIDERS + "/" + masterId + ".json").status()).isEqualTo(404);
        assertThat(master.get(PROVIDERS + "/" + defaultTenant + ".json").status()).isEqualTo(200);
        assertThat(master.get("/admin/api/provider.json").status()).isEqualTo(200);
    }

    static List<Long> ids(JsonNode list, String entity) {
        return StreamSupport.stream(list.spliterator(), false).map(e -> e.at("/" + entity + "/id").asLong()).toList();
    }

    private static long count(String table, long accountId) {
        return platform.database().read(h -> h.createQuery("SELECT COUNT(*) FROM " + table
                + " WHERE account_id = :id").bind("id", accountId).mapTo(Long.class).one());
    }
}
