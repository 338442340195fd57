package io.tollgate.server.api;

import static io.tollgate.server.testing.ApplicationFixtures.application;
import static io.tollgate.server.testing.ApplicationFixtures.applications;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.ApplicationFixtures;
import io.tollgate.server.testing.DeveloperFixtures;
import io.tollgate.server.testing.PlatformTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApplicationKeysAndFindApiTest extends PlatformTest {
    private static DeveloperFixtures developers;
    private static ApplicationFixtures apps;

    @BeforeAll
    static void fixtures() {
        developers = new DeveloperFixtures(admin);
        apps = new ApplicationFixtures(admin);
    }

    @Test
    void keysAreAddedUpToFiveUniqueAndDeleted() {
        long account = developers.account();
        long id = apps.application(account, apps.plan(apps.product("2"), false), Map.of("application_key", "k1"));
        String keys = application(account, id) + "/keys";

        ApiClient.Response added = admin.post(keys + ".json", Map.of("key", "k2"));
        ApiClient.Response duplicate = admin.post(keys + ".json", Map.of("key", "k2"));

        assertThat(added.status()).isEqualTo(201);
        assertThat(added.at("/application/id").asLong()).isEqualTo(id);
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.json().toString()).isEqualTo("{\"errors\":{\"key\":[\"has already been taken\"]}}");
        for (String key : List.of("k3", "k4", "k5")) {
            assertThat(admin.post(keys + ".json", Map.of("key", key)).status()).isEqualTo(201);
        }
        ApiClient.Response sixth = admin.post(keys + ".json", Map.of("key", "k6"));
        assertThat(sixth.status()).isEqualTo(422);
        assertThat(sixth.json().at("/errors").has("key")).isTrue();
        assertThat(admin.post(keys + ".json", Map.of()).status()).isEqualTo(422);

        assertThat(admin.delete(keys + "/k3.json").status()).isEqualTo(200);
        assertThat(admin.delete(keys + "/k3.json").status()).isEqualTo(404);
        assertThat(values(admin.get(keys + ".json").json())).containsExactly("k1", "k2", "k4", "k5");
    }

    @Test
    void findByUserKeyAppIdOrIdWithOptionalProduct() {
        long account = developers.account();
        long v1 = apps.product("1");
        long v2 = apps.product("2");
        String userKey = "find-key-" + DeveloperFixtures.unique("u");
        String appId = "find-app-" + DeveloperFixtures.unique("a");
        long byKey = apps.application(account, apps.plan(v1, false), Map.of("user_key", userKey));
        long byAppId = apps.application(account, apps.plan(v2, false), Map.of("application_id", appId));
        String find = "/admin/api/applications/find.json?";

        ApiClient.Response found = admin.get(find + "user_key=" + userKey);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json()).isEqualTo(admin.get(application(account, byKey) + ".json").json());
        assertThat(admin.get(find + "app_id=" + appId).at("/application/id").asLong()).isEqualTo(byAppId);
        assertThat(admin.get(find + "application_id=" + byKey).at("/application/id").asLong()).isEqualTo(byKey);
        assertThat(admin.get(find + "user_key=" + userKey + "&service_id=" + v1).status()).isEqualTo(200);

        for (String query : List.of("user_key=" + userKey + "&service_id=" + v2, "user_key=nope", "app_id=nope",
                "application_id=0", "application_id=abc", "")) {
            ApiClient.Response missing = admin.get(find + query);
            assertThat(missing.status()).as(query).isEqualTo(404);
            assertThat(missing.json().toString()).isEqualTo("{\"status\":\"Not found\"}");
        }
    }

    @Test
    void tenantListFiltersByProductAndPlan() {
        long account = developers.account();
        long product = apps.product("1");
        long plan = apps.plan(product, false);
        long otherPlan = apps.plan(product, false);
        long first = apps.application(account, plan, Map.of());
        long second = apps.application(account, otherPlan, Map.of());
        long elsewhere = apps.application(developers.account(), apps.plan(apps.product("1"), false), Map.of());

        assertThat(ids(admin.get("/admin/api/applications.json?service_id=" + product)))
                .containsExactly(first, second);
        assertThat(ids(admin.get("/admin/api/applications.json?service_id=" + product + "&plan_id=" + otherPlan)))
                .containsExactly(second);
        assertThat(ids(admin.get("/admin/api/applications.json?per_page=500"))).contains(first, second, elsewhere);
        assertThat(ids(admin.get("/admin/api/applications.json?service_id=x"))).isEmpty();
        assertThat(admin.get("/admin/api/applications.json?page=2&per_page=1").at("/applications")).hasSize(1);
    }

    @Test
    void planDeleteIsRefusedWhileApplicationsUseIt() {
        long account = developers.account();
        long product = apps.product("1");
        long plan = apps.plan(product, false);
        long id = apps.application(account, plan, Map.of());
        String planPath = "/admin/api/services/" + product + "/application_plans/" + plan + ".json";

        ApiClient.Response refused = admin.delete(planPath);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.at("/errors/base/0").asText()).contains("cannot be deleted because it has applications");
        assertThat(admin.delete(application(account, id) + ".json").status()).isEqualTo(200);
        assertThat(admin.delete(planPath).status()).isEqualTo(200);
    }

    @Test
    void deletingTheAccountOrTheProductRemovesItsApplications() {
        long account = developers.account();
        long product = apps.product("2");
        long plan = apps.plan(product, false);
        long ofAccount = apps.application(account, plan, Map.of());
        long other = developers.account();
        long ofProduct = apps.application(other, plan, Map.of());

        assertThat(admin.delete("/admin/api/accounts/" + account + ".json").status()).isEqualTo(200);
        assertThat(admin.get("/admin/api/applications/find.json?application_id=" + ofAccount).status())
                .isEqualTo(404);
        assertThat(admin.delete("/admin/api/services/" + product + ".json").status()).isEqualTo(200);
        assertThat(admin.get("/admin/api/applications/find.json?application_id=" + ofProduct).status())
                .isEqualTo(404);
        assertThat(admin.get(applications(other)).at("/applications")).isEmpty();
    }

    @Test
    void anotherTenantGets404OnEveryRoute() {
        long account = developers.account();
        long plan = apps.plan(apps.product("2"), false);
        long id = apps.application(account, plan, Map.of("application_key", "iso-key"));
        ApiClient other = admin.withToken(OtherTenant.token(platform));
        String path = application(account, id);

        assertThat(other.get(applications(account)).status()).isEqualTo(404);
        assertThat(other.post(applications(account), Map.of("plan_id", plan, "name", "x")).status()).isEqualTo(404);
        assertThat(other.get(path + ".json").status()).isEqualTo(404);
        assertThat(other.put(path + ".json", Map.of("name", "x")).status()).isEqualTo(404);
        for (String action : List.of("suspend", "resume", "accept", "change_plan")) {
            assertThat(other.put(path + "/" + action + ".json", Map.of("plan_id", plan)).status()).isEqualTo(404);
        }
        assertThat(other.get(path + "/keys.json").status()).isEqualTo(404);
        assertThat(other.post(path + "/keys.json", Map.of("key", "x")).status()).isEqualTo(404);
        assertThat(other.delete(path + "/keys/iso-key.json").status()).isEqualTo(404);
        assertThat(other.get("/admin/api/applications/find.json?application_id=" + id).status()).isEqualTo(404);
        assertThat(other.get("/admin/api/applications.json").at("/applications")).isEmpty();
        assertThat(other.delete(path + ".json").status()).isEqualTo(404);
        ApiClient.Response otherAccount = other.post("/admin/api/signup.json", Map.of("org_name", "Theirs",
                "username", DeveloperFixtures.unique("iso"), "email", DeveloperFixtures.unique("iso") + "@example.com"));
        long theirs = otherAccount.at("/account/id").asLong();
        assertThat(other.post(applications(theirs), Map.of("plan_id", plan, "name", "x")).status()).isEqualTo(404);
        assertThat(admin.get(path + ".json").at("/application/state").asText()).isEqualTo("live");
        assertThat(values(admin.get(path + "/keys.json").json())).containsExactly("iso-key");
    }

    private static List<String> values(JsonNode keys) {
        List<String> values = new ArrayList<>();
        keys.at("/keys").forEach(k -> values.add(k.at("/key/value").asText()));
        return values;
    }

    private static List<Long> ids(ApiClient.Response response) {
        assertThat(response.status()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        response.at("/applications").forEach(a -> ids.add(a.at("/application/id").asLong()));
        return ids;
    }
}
