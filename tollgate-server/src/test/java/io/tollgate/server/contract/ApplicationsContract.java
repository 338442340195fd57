package io.tollgate.server.contract;

import static io.tollgate.server.testing.ApplicationFixtures.application;
import static io.tollgate.server.testing.ApplicationFixtures.applications;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.ApplicationFixtures;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product lifecycle over HTTP on each system database: a plan with limits, a developer signup,
 * applications for user_key and app_id/app_key products with keys, state changes and a plan
 * change, then deploy, a mapping rule change, promotion and later sandbox changes.
 */
abstract class ApplicationsContract extends DatabaseContract {
    private ApplicationFixtures apps;

    @BeforeAll
    void moreFixtures() {
        apps = new ApplicationFixtures(admin);
    }

    @Test
    void applicationLifecycleOnUserKeyAndAppIdProducts() {
        long product = apps.product("1");
        String productPath = "/admin/api/services/" + product;
        long backend = fixtures.backend();
        fixtures.usage(product, backend, "/v1");
        long method = fixtures.method("/admin/api/backend_apis/" + backend);
        long plan = apps.plan(product, false);
        long gold = apps.plan(product, false);
        created(admin.post(limits(plan, method), Map.of("usage_limit", Map.of("period", "minute", "value", 5))));
        created(admin.post(limits(plan, fixtures.hits(productPath)), Map.of("period", "day", "value", 1000)));
        assertThat(admin.get("/admin/api/application_plans/" + plan + "/limits.json").at("/limits")).hasSize(2);
        ApiClient.Response signup = admin.post("/admin/api/signup.json", Map.of("org_name", "Pets Inc",
                "username", "petsinc", "email", "pets@example.com", "password", "secret-pass"));
        long account = created(signup).at("/account/id").asLong();

        JsonNode userKeyApp = created(apps.create(account, plan, Map.of("user_key", "contract-user-key")));
        long userKeyId = userKeyApp.at("/application/id").asLong();
        assertThat(admin.get("/admin/api/applications/find.json?user_key=contract-user-key&service_id=" + product)
                .at("/application/id").asLong()).isEqualTo(userKeyId);
        assertThat(apps.create(account, plan, Map.of("user_key", "contract-user-key")).status()).isEqualTo(422);

        long appIdPlan = apps.plan(apps.product("2"), true);
        JsonNode appIdApp = created(apps.create(account, appIdPlan, Map.of("application_id", "contract-app",
                "application_key", "first-key")));
        String appPath = application(account, appIdApp.at("/application/id").asLong());
        assertThat(appIdApp.at("/application/state").asText()).isEqualTo("pending");
        assertThat(admin.put(appPath + "/accept.json", Map.of()).at("/application/state").asText()).isEqualTo("live");
        created(admin.post(appPath + "/keys.json", Map.of("key", "second-key")));
        assertThat(admin.post(appPath + "/keys.json", Map.of("key", "second-key")).status()).isEqualTo(422);
        assertThat(admin.delete(appPath + "/keys/first-key.json").status()).isEqualTo(200);
        assertThat(admin.get(appPath + "/keys.json").json().toString())
                .isEqualTo("{\"keys\":[{\"key\":{\"value\":\"second-key\"}}]}");
        assertThat(admin.get("/admin/api/applications/find.json?app_id=contract-app").at("/application/id")
                .asLong()).isEqualTo(appIdApp.at("/application/id").asLong());

        String userKeyPath = application(account, userKeyId);
        assertThat(admin.put(userKeyPath + "/suspend.json", Map.of()).at("/application/enabled").asBoolean())
                .isFalse();
        assertThat(admin.put(userKeyPath + "/resume.json", Map.of()).at("/application/state").asText())
                .isEqualTo("live");
        assertThat(admin.put(userKeyPath + "/change_plan.json", Map.of("plan_id", gold)).at("/application/plan_id")
                .asLong()).isEqualTo(gold);
        assertThat(admin.put(userKeyPath + "/change_plan.json", Map.of("plan_id", appIdPlan)).status())
                .isEqualTo(422);
        assertThat(admin.get(applications(account)).at("/applications")).hasSize(2);
        assertThat(admin.delete(productPath + "/application_plans/" + gold + ".json").status()).isEqualTo(403);
    }

    @Test
    void deployChangePromoteKeepsProductionOnThePromotedVersion() {
        long product = apps.product("1");
        String productPath = "/admin/api/services/" + product;
        fixtures.usage(product, fixtures.backend(), "/");
        long rule = fixtures.rule(productPath + "/proxy/mapping_rules", "/pets", fixtures.hits(productPath),
                Map.of());
        int first = deploy(productPath);
        assertThat(first).isEqualTo(1);
        assertThat(sandbox(productPath, first).at("/proxy/proxy_rules/0/pattern").asText()).isEqualTo("/pets");

        assertThat(admin.patch(productPath + "/mapping_rules/" + rule + ".json",
                Map.of("mapping_rule", Map.of("pattern", "/cats"))).status()).isEqualTo(200);
        int second = deploy(productPath);
        assertThat(second).isEqualTo(first + 1);
        assertThat(sandbox(productPath, second).at("/proxy/proxy_rules/0/pattern").asText()).isEqualTo("/cats");
        ApiClient.Response promoted = admin.post(productPath + "/proxy/configs/sandbox/" + second + "/promote.json",
                Map.of("to", "production"));
        assertThat(promoted.status()).as(promoted.text()).isEqualTo(201);

        admin.patch(productPath + "/mapping_rules/" + rule + ".json", Map.of("mapping_rule", Map.of("pattern", "/x")));
        int third = deploy(productPath);

        JsonNode production = admin.get(productPath + "/proxy/configs/production/latest.json").at("/proxy_config");
        assertThat(third).isGreaterThan(second);
        assertThat(production.get("content")).isEqualTo(sandbox(productPath, second));
        assertThat(production.at("/content/proxy/proxy_rules/0/pattern").asText()).isEqualTo("/cats");
        assertThat(sandbox(productPath, third).at("/proxy/proxy_rules/0/pattern").asText()).isEqualTo("/x");
    }

    private JsonNode sandbox(String productPath, int version) {
        return admin.get(productPath + "/proxy/configs/sandbox/" + version + ".json").at("/proxy_config/content");
    }

    private int deploy(String productPath) {
        ApiClient.Response response = admin.post(productPath + "/proxy/deploy.json", Map.of());
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return admin.get(productPath + "/proxy/configs/sandbox/latest.json").at("/proxy_config/version").asInt();
    }

    private static String limits(long plan, long metric) {
        return "/admin/api/application_plans/" + plan + "/metrics/" + metric + "/limits.json";
    }

    private static JsonNode created(ApiClient.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json();
    }
}
