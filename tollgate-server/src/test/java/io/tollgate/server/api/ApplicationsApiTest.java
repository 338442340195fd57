package io.tollgate.server.api;

import static io.tollgate.server.testing.ApplicationFixtures.application;
import static io.tollgate.server.testing.ApplicationFixtures.applications;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.ApplicationFixtures;
import io.tollgate.server.testing.DeveloperFixtures;
import io.tollgate.server.testing.PlatformTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApplicationsApiTest extends PlatformTest {
    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";
    private static DeveloperFixtures developers;
    private static ApplicationFixtures apps;

    @BeforeAll
    static void fixtures() {
        developers = new DeveloperFixtures(admin);
        apps = new ApplicationFixtures(admin);
    }

    @Test
    void userKeyProductApplicationIsLiveWithAGivenUserKeyAndReadsBack() throws Exception {
        long account = developers.account();
        long product = apps.product("1");
        long plan = apps.plan(product, false);

        ApiClient.Response created = admin.post(applications(account), Map.of("plan_id", plan, "name", "Pets app",
                "description", "Finds pets", "user_key", "my-user-key-1"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.at("/application/id").asLong();
        String base = admin.baseUrl();
        String self = base + application(account, id);
        assertThat(created.headers().firstValue("Location")).hasValue(self);
        assertThat(withoutTimestamps(created.json())).isEqualTo(new ObjectMapper().readTree("""
                {"application":{"id":%d,"state":"live","enabled":true,"service_id":%d,"plan_id":%d,
                 "account_id":%d,"user_key":"my-user-key-1","name":"Pets app","description":"Finds pets",
                 "links":[{"rel":"self","href":"%s"},{"rel":"account","href":"%s/admin/api/accounts/%d"},
                  {"rel":"plan","href":"%s/admin/api/services/%d/application_plans/%d"},
                  {"rel":"service","href":"%s/admin/api/services/%d"}]}}
                """.formatted(id, product, plan, account, self, base, account, base, product, plan, base,
                product)));
        assertThat(created.at("/application/created_at").asText()).matches(TIMESTAMP);
        assertThat(admin.get(application(account, id) + ".json").json()).isEqualTo(created.json());
        assertThat(admin.get(applications(account)).json().at("/applications/0")).isEqualTo(created.json());
    }

    @Test
    void userKeyIsGeneratedAndUniquePerProduct() {
        long account = developers.account();
        long product = apps.product("1");
        long plan = apps.plan(product, false);

        ApiClient.Response generated = apps.create(account, plan, Map.of());
        String key = generated.at("/application/user_key").asText();
        ApiClient.Response duplicate = apps.create(account, plan, Map.of("user_key", key));
        ApiClient.Response otherProduct = apps.create(account, apps.plan(apps.product("1"), false),
                Map.of("user_key", key));

        assertThat(key).matches("[0-9a-f]{32}");
        assertThat(generated.json().at("/application").has("application_id")).isFalse();
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.json().toString()).isEqualTo("{\"errors\":{\"user_key\":[\"has already been taken\"]}}");
        assertThat(otherProduct.status()).isEqualTo(201);
    }

    @Test
    void appIdProductApplicationGetsAnAppIdAndOneKey() {
        long account = developers.account();
        long plan = apps.plan(apps.product("2"), false);

        ApiClient.Response generated = apps.create(account, plan, Map.of());
        ApiClient.Response given = apps.create(account, plan, Map.of("application_id", "given-id",
                "application_key", "given-key"));
        ApiClient.Response taken = apps.create(account, plan, Map.of("application_id", "given-id"));

        long id = generated.at("/application/id").asLong();
        assertThat(generated.status()).isEqualTo(201);
        assertThat(generated.at("/application/application_id").asText()).matches("[0-9a-f]{8}");
        assertThat(generated.json().at("/application").has("user_key")).isFalse();
        assertThat(admin.get(application(account, id) + "/keys.json").at("/keys/0/key/value").asText())
                .matches("[0-9a-f]{32}");
        long givenId = given.at("/application/id").asLong();
        assertThat(given.at("/application/application_id").asText()).isEqualTo("given-id");
        assertThat(admin.get(application(account, givenId) + "/keys.json").json().toString())
                .isEqualTo("{\"keys\":[{\"key\":{\"value\":\"given-key\"}}]}");
        assertThat(taken.status()).isEqualTo(422);
        assertThat(taken.json().toString())
                .isEqualTo("{\"errors\":{\"application_id\":[\"has already been taken\"]}}");
    }

    @Test
    void oidcApplicationHasAClientIdSecretAndRedirectUrl() {
        long account = developers.account();
        long plan = apps.plan(apps.product("oidc"), false);

        ApiClient.Response created = apps.create(account, plan, Map.of("application_id", "client-1",
                "application_key", "secret-1", "redirect_url", "https://app.example.com/callback"));
        long id = created.at("/application/id").asLong();
        ApiClient.Response updated = admin.put(application(account, id) + ".json",
                Map.of("redirect_url", "https://app.example.com/other"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.at("/application/application_id").asText()).isEqualTo("client-1");
        assertThat(created.at("/application/redirect_url").asText()).isEqualTo("https://app.example.com/callback");
        assertThat(admin.get(application(account, id) + "/keys.json").at("/keys/0/key/value").asText())
                .isEqualTo("secret-1");
        assertThat(updated.at("/application/redirect_url").asText()).isEqualTo("https://app.example.com/other");
    }

    @Test
    void createValidatesNameAndPlan() {
        long account = developers.account();

        ApiClient.Response blank = admin.post(applications(account), Map.of());
        ApiClient.Response unknownPlan = admin.post(applications(account), Map.of("plan_id", 999999, "name", "x"));

        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.json().toString())
                .isEqualTo("{\"errors\":{\"name\":[\"can't be blank\"],\"plan_id\":[\"can't be blank\"]}}");
        assertThat(unknownPlan.status()).isEqualTo(404);
        assertThat(admin.post(applications(999999), Map.of("plan_id", 1, "name", "x")).status()).isEqualTo(404);
    }

    @Test
    void updateChangesNameAndDescriptionOnlyAndAcceptsAWrappedBody() {
        long account = developers.account();
        long product = apps.product("1");
        long id = apps.application(account, apps.plan(product, false), Map.of("user_key", "upd-key"));

        ApiClient.Response updated = admin.put(application(account, id) + ".json", Map.of("application",
                Map.of("name", "Renamed", "description", "New text", "plan_id", 1, "user_key", "ignored")));

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.at("/application/name").asText()).isEqualTo("Renamed");
        assertThat(updated.at("/application/description").asText()).isEqualTo("New text");
        assertThat(updated.at("/application/user_key").asText()).isEqualTo("upd-key");
        assertThat(admin.get(application(account, id) + ".json").json()).isEqualTo(updated.json());
        assertThat(admin.put(application(account, id) + ".json", Map.of("name", " ")).json().toString())
                .isEqualTo("{\"errors\":{\"name\":[\"can't be blank\"]}}");
    }

    @Test
    void pendingApplicationIsAcceptedOnceAndSuspendResumeToggleEnabled() {
        long account = developers.account();
        long id = apps.application(account, apps.plan(apps.product("1"), true), Map.of());
        String path = application(account, id);

        assertThat(admin.get(path + ".json").at("/application/state").asText()).isEqualTo("pending");
        assertThat(admin.get(path + ".json").at("/application/enabled").asBoolean()).isFalse();
        ApiClient.Response accepted = admin.put(path + "/accept.json", Map.of());
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.at("/application/state").asText()).isEqualTo("live");
        ApiClient.Response again = admin.put(path + "/accept.json", Map.of());
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().at("/errors").has("state")).isTrue();

        ApiClient.Response suspended = admin.put(path + "/suspend.json", Map.of());
        assertThat(suspended.at("/application/state").asText()).isEqualTo("suspended");
        assertThat(suspended.at("/application/enabled").asBoolean()).isFalse();
        assertThat(admin.get(path + ".json").at("/application/state").asText()).isEqualTo("suspended");
        ApiClient.Response resumed = admin.put(path + "/resume.json", Map.of());
        assertThat(resumed.at("/application/state").asText()).isEqualTo("live");
        assertThat(resumed.at("/application/enabled").asBoolean()).isTrue();
    }

    @Test
    void changePlanMovesWithinTheProductOnly() {
        long account = developers.account();
        long product = apps.product("1");
        long id = apps.application(account, apps.plan(product, false), Map.of());
        long samePlan = apps.plan(product, false);
        long otherPlan = apps.plan(apps.product("1"), false);
        String path = application(account, id) + "/change_plan.json";

        ApiClient.Response changed = admin.put(path, Map.of("plan_id", samePlan));
        ApiClient.Response refused = admin.put(path, Map.of("plan_id", otherPlan));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.at("/application/plan_id").asLong()).isEqualTo(samePlan);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/errors").has("plan_id")).isTrue();
        assertThat(admin.put(path, Map.of()).status()).isEqualTo(422);
        assertThat(admin.get(application(account, id) + ".json").at("/application/plan_id").asLong())
                .isEqualTo(samePlan);
    }

    @Test
    void deleteRemovesTheApplicationAndItsKeys() {
        long account = developers.account();
        long id = apps.application(account, apps.plan(apps.product("2"), false), Map.of());

        assertThat(admin.delete(application(account, id) + ".json").status()).isEqualTo(200);
        assertThat(admin.get(application(account, id) + ".json").status()).isEqualTo(404);
        assertThat(admin.get(application(account, id) + "/keys.json").status()).isEqualTo(404);
        assertThat(admin.delete(application(account, id) + ".json").status()).isEqualTo(404);
    }

    @Test
    void applicationIsOnlyReachableUnderItsOwnAccount() {
        long account = developers.account();
        long other = developers.account();
        long id = apps.application(account, apps.plan(apps.product("1"), false), Map.of());

        assertThat(admin.get(application(other, id) + ".json").status()).isEqualTo(404);
        assertThat(admin.get(applications(other)).json().at("/applications")).isEmpty();
    }

    static JsonNode withoutTimestamps(JsonNode json) {
        ObjectNode copy = json.deepCopy();
        ((ObjectNode) copy.get("application")).remove(java.util.List.of("created_at", "updated_at"));
        return copy;
    }
}
