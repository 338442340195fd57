package io.tollgate.server.api;

import static io.tollgate.server.testing.PlanFixtures.limits;
import static io.tollgate.server.testing.PlanFixtures.plans;
import static io.tollgate.server.testing.PlanFixtures.pricingRules;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.PlanFixtures;
import io.tollgate.server.testing.PlatformTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Another tenant can neither see nor change the first tenant's plans, limits, pricing rules and features. */
class PlansCrossTenantApiTest extends PlatformTest {
    private static ApiClient other;
    private static long product;
    private static long plan;
    private static long hits;
    private static long limit;
    private static long rule;
    private static long feature;

    @BeforeAll
    static void setUp() {
        ApiClient.Response signup = platform.master().post("/master/api/providers.json", Map.of("org_name", "Other",
                "username", "other", "email", "o@example.com", "password", "secret-pass"));
        assertThat(signup.status()).as(signup.text()).isEqualTo(201);
        other = platform.as(signup.at("/signup/access_token/value").asText());
        product = fixtures.product();
        plan = new PlanFixtures(admin).plan(product);
        hits = fixtures.hits("/admin/api/services/" + product);
        limit = admin.post(limits(plan, hits) + ".json", Map.of("period", "day", "value", 1)).at("/limit/id").asLong();
        rule = admin.post(pricingRules(plan, hits) + ".json", Map.of("cost_per_unit", 1)).at("/pricing_rule/id")
                .asLong();
        feature = admin.post("/admin/api/services/" + product + "/features.json", Map.of("name", "Shared"))
                .at("/feature/id").asLong();
        assertThat(admin.post("/admin/api/application_plans/" + plan + "/features.json", Map.of("feature_id", feature))
                .status()).isEqualTo(201);
    }

    @Test
    void everyPlanRouteAnswersNotFoundToAnotherTenant() {
        String planPath = plans(product) + "/" + plan;
        String limitPath = limits(plan, hits) + "/" + limit + ".json";
        String rulePath = pricingRules(plan, hits) + "/" + rule + ".json";
        String featuresPath = "/admin/api/application_plans/" + plan + "/features";
        Map<String, Object> body = Map.of("name", "X", "period", "hour", "value", 1, "cost_per_unit", 1,
                "min", 500, "feature_id", feature);

        assertThat(new int[] {
            other.get(plans(product) + ".json").status(),
            other.post(plans(product) + ".json", body).status(),
            other.get(planPath + ".json").status(),
            other.put(planPath + ".json", body).status(),
            other.patch(planPath + ".json", body).status(),
            other.put(planPath + "/default.json", Map.of()).status(),
            other.delete(planPath + ".json").status(),
            other.get("/admin/api/application_plans/" + plan + "/limits.json").status(),
            other.get(limits(plan, hits) + ".json").status(),
            other.post(limits(plan, hits) + ".json", body).status(),
            other.get(limitPath).status(),
            other.put(limitPath, body).status(),
            other.delete(limitPath).status(),
            other.get("/admin/api/application_plans/" + plan + "/pricing_rules.json").status(),
            other.get(pricingRules(plan, hits) + ".json").status(),
            other.post(pricingRules(plan, hits) + ".json", body).status(),
            other.get(rulePath).status(),
            other.delete(rulePath).status(),
            other.get(featuresPath + ".json").status(),
            other.post(featuresPath + ".json", body).status(),
            other.delete(featuresPath + "/" + feature + ".json").status(),
        }).containsOnly(404);
        assertThat(other.get("/admin/api/application_plans.json").json().toString()).isEqualTo("{\"plans\":[]}");

        ApiClient.Response mine = admin.get(planPath + ".json");
        assertThat(mine.at("/application_plan/name").asText()).startsWith("Plan ");
        assertThat(mine.at("/application_plan/default").asBoolean()).isFalse();
        assertThat(admin.get(limitPath).at("/limit/period").asText()).isEqualTo("day");
        assertThat(admin.get(rulePath).status()).isEqualTo(200);
        assertThat(admin.get(featuresPath + ".json").at("/features").size()).isEqualTo(1);
        assertThat(admin.get("/admin/api/application_plans/" + plan + "/limits.json").at("/limits").size())
                .isEqualTo(1);
    }
}
