package io.tollgate.server.contract;

import static io.tollgate.server.testing.PlanFixtures.limits;
import static io.tollgate.server.testing.PlanFixtures.plans;
import static io.tollgate.server.testing.PlanFixtures.pricingRules;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.server.testing.AdminFixtures;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.PlanFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Application plans, limits and pricing rules driven over HTTP on each system database: decimals,
 * the default switch, unique indexes under concurrency, row locks and cascades on the real engines.
 */
abstract class PlansApiContract extends DatabaseContract {
    private PlanFixtures planFixtures;

    @BeforeAll
    void moreFixtures() {
        planFixtures = new PlanFixtures(admin);
    }

    @Test
    void planWithDecimalsDefaultLimitsAndPricingRoundTrips() {
        long product = fixtures.product();
        long backend = fixtures.backend();
        fixtures.usage(product, backend, "/v1");
        long method = fixtures.method("/admin/api/backend_apis/" + backend);
        long hits = fixtures.hits("/admin/api/services/" + product);
        long plan = created(admin.post(plans(product) + ".json", Map.of("application_plan", Map.of(
                "name", "Gold", "setup_fee", "1234567890123.4567", "cost_per_month", 10.5,
                "trial_period_days", 30, "state_event", "publish"))), "/application_plan/id");
        long other = planFixtures.plan(product);

        assertThat(admin.put(plans(product) + "/" + other + "/default.json", Map.of()).status()).isEqualTo(200);
        assertThat(admin.put(plans(product) + "/" + plan + "/default.json", Map.of()).status()).isEqualTo(200);
        created(admin.post(limits(plan, method) + ".json", Map.of("usage_limit", Map.of("period", "minute",
                "value", 5))), "/limit/id");
        created(admin.post(limits(plan, hits) + ".json", Map.of("period", "eternity", "value", 9_000_000_000L)),
                "/limit/id");
        created(admin.post(pricingRules(plan, method) + ".json", Map.of("cost_per_unit", "0.0001", "min", 1,
                "max", 10)), "/pricing_rule/id");

        ApiClient.Response list = admin.get(plans(product) + ".json");
        // The raw text: the test client parses JSON numbers as doubles, which would round this one.
        assertThat(list.text()).contains("\"setup_fee\":1234567890123.4567,");
        assertThat(list.at("/plans/0/application_plan/cost_per_month").toString()).isEqualTo("10.5");
        assertThat(list.at("/plans/0/application_plan/state").asText()).isEqualTo("published");
        assertThat(list.at("/plans/0/application_plan/default").asBoolean()).isTrue();
        assertThat(list.at("/plans/1/application_plan/default").asBoolean()).isFalse();
        ApiClient.Response planLimits = admin.get("/admin/api/application_plans/" + plan + "/limits.json");
        assertThat(planLimits.at("/limits/0/limit/links/0/href").asText())
                .isEqualTo(admin.baseUrl() + "/admin/api/backend_apis/" + backend + "/metrics/" + method);
        assertThat(planLimits.at("/limits/1/limit/value").asLong()).isEqualTo(9_000_000_000L);
        ApiClient.Response rules = admin.get("/admin/api/application_plans/" + plan + "/pricing_rules.json");
        assertThat(rules.text()).contains("\"cost_per_unit\":0.0001,");
        assertThat(rules.at("/pricing_rules/0/pricing_rule/max").asLong()).isEqualTo(10);
    }

    @Test
    void concurrentLimitsForOnePeriodLeaveExactlyOne() throws Exception {
        long product = fixtures.product();
        long plan = planFixtures.plan(product);
        long hits = fixtures.hits("/admin/api/services/" + product);

        List<ApiClient.Response> responses = race(() -> admin.post(limits(plan, hits) + ".json",
                Map.of("usage_limit", Map.of("period", "day", "value", 1))));

        assertThat(responses).extracting(ApiClient.Response::status).containsOnly(201, 422);
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 422).extracting(r -> r.json().toString())
                .containsOnly("{\"errors\":{\"period\":[\"has already been taken\"]}}");
        assertThat(admin.get(limits(plan, hits) + ".json").at("/limits").size()).isEqualTo(1);
    }

    @Test
    void concurrentOverlappingPricingRulesLeaveExactlyOne() throws Exception {
        long product = fixtures.product();
        long plan = planFixtures.plan(product);
        long hits = fixtures.hits("/admin/api/services/" + product);

        List<ApiClient.Response> responses = race(() -> admin.post(pricingRules(plan, hits) + ".json",
                Map.of("cost_per_unit", 1, "min", 1, "max", 100)));

        assertThat(responses).extracting(ApiClient.Response::status).containsOnly(201, 422);
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(admin.get(pricingRules(plan, hits) + ".json").at("/pricing_rules").size()).isEqualTo(1);
    }

    @Test
    void deletingMetricsProductsAndTenantsCascadesToPlansLimitsAndRules() {
        long product = fixtures.product();
        String productPath = "/admin/api/services/" + product;
        long metric = fixtures.metric(productPath);
        long method = fixtures.method(productPath);
        long plan = planFixtures.plan(product);
        created(admin.post(limits(plan, metric) + ".json", Map.of("period", "day", "value", 1)), "/limit/id");
        created(admin.post(limits(plan, method) + ".json", Map.of("period", "day", "value", 1)), "/limit/id");
        created(admin.post(pricingRules(plan, metric) + ".json", Map.of("cost_per_unit", 1)), "/pricing_rule/id");

        assertThat(admin.delete(productPath + "/metrics/" + metric + ".json").status()).isEqualTo(200);
        assertThat(countRows("usage_limits", "metric_id", metric)).isZero();
        assertThat(countRows("pricing_rules", "metric_id", metric)).isZero();
        assertThat(countRows("usage_limits", "plan_id", plan)).isEqualTo(1);

        assertThat(admin.delete(productPath + ".json").status()).isEqualTo(200);
        assertThat(countRows("application_plans", "id", plan)).isZero();
        assertThat(countRows("usage_limits", "plan_id", plan)).isZero();

        ApiClient.Response signup = platform.master().post("/master/api/providers.json", Map.of("org_name",
                AdminFixtures.unique("Tenant"), "username", "owner", "email", "owner@example.com",
                "password", "secret-pass"));
        assertThat(signup.status()).isEqualTo(201);
        ApiClient other = platform.as(signup.at("/signup/access_token/value").asText());
        long theirs = created(other.post("/admin/api/services.json", Map.of("name", "Theirs")), "/service/id");
        long theirPlan = new PlanFixtures(other).plan(theirs);
        long theirHits = new AdminFixtures(other).hits("/admin/api/services/" + theirs);
        created(other.post(limits(theirPlan, theirHits) + ".json", Map.of("period", "day", "value", 1)), "/limit/id");

        assertThat(platform.master().delete("/master/api/providers/" + signup.at("/signup/account/id").asLong()
                + ".json").status()).isEqualTo(200);
        assertThat(countRows("application_plans", "id", theirPlan)).isZero();
        assertThat(countRows("usage_limits", "plan_id", theirPlan)).isZero();
    }

    private static List<ApiClient.Response> race(Callable<ApiClient.Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ApiClient.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(call);
            }
            List<ApiClient.Response> responses = new ArrayList<>();
            for (Future<ApiClient.Response> f : pool.invokeAll(calls)) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private long countRows(String table, String column, long value) {
        return platform.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM " + table + " WHERE " + column + " = :v").bind("v", value)
                .mapTo(Long.class).one());
    }

    private static long created(ApiClient.Response response, String idPointer) {
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.at(idPointer).asLong();
    }
}
