package io.tollgate.server.api;

import static io.tollgate.server.testing.PlanFixtures.pricingRules;
import static io.tollgate.server.testing.PlanFixtures.withoutTimestamps;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.PlanFixtures;
import io.tollgate.server.testing.PlatformTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pricing rules of plans: shapes, defaults, validation, overlaps and cascades. */
class PricingRulesApiTest extends PlatformTest {

    @Test
    void ruleHasTheExactShapeAndMinDefaultsToOneAndMaxToInfinity() {
        long product = fixtures.product();
        long plan = new PlanFixtures(admin).plan(product);
        long hits = fixtures.hits("/admin/api/services/" + product);

        ApiClient.Response created = admin.post(pricingRules(plan, hits) + ".json", Map.of("cost_per_unit", "0.5"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.at("/pricing_rule/id").asLong();
        String base = admin.baseUrl();
        String expected = "{\"id\":" + id + ",\"metric_id\":" + hits + ",\"plan_id\":" + plan
                + ",\"cost_per_unit\":0.5,\"min\":1,\"max\":null,\"links\":[{\"rel\":\"metric\",\"href\":\"" + base
                + "/admin/api/services/" + product + "/metrics/" + hits + "\"},{\"rel\":\"plan\",\"href\":\"" + base
                + "/admin/api/services/" + product + "/application_plans/" + plan + "\"}]}";
        assertThat(withoutTimestamps(created.json(), "pricing_rule")).isEqualTo(expected);
        assertThat(withoutTimestamps(admin.get(pricingRules(plan, hits) + "/" + id + ".json").json(),
                "pricing_rule")).isEqualTo(expected);
        ApiClient.Response all = admin.get("/admin/api/application_plans/" + plan + "/pricing_rules.json");
        assertThat(withoutTimestamps(all.at("/pricing_rules/0"), "pricing_rule")).isEqualTo(expected);
    }

    @Test
    void toolboxCopyBodyIsAcceptedWithReadOnlyFieldsIgnored() {
        long product = fixtures.product();
        long backend = fixtures.backend();
        fixtures.usage(product, backend, "/");
        long method = fixtures.method("/admin/api/backend_apis/" + backend);
        long plan = new PlanFixtures(admin).plan(product);
        Map<String, Object> body = new HashMap<>(Map.of("id", 5, "plan_id", 6, "metric_id", 7,
                "cost_per_unit", 1.25, "min", 1, "max", 100, "created_at", "2019-01-01T00:00:00Z"));
        body.put("links", List.of(Map.of("rel", "metric", "href", "http://elsewhere/")));

        ApiClient.Response created = admin.post(pricingRules(plan, method) + ".json", body);

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.at("/pricing_rule/metric_id").asLong()).isEqualTo(method);
        assertThat(created.at("/pricing_rule/max").asLong()).isEqualTo(100);
        assertThat(created.at("/pricing_rule/cost_per_unit").toString()).isEqualTo("1.25");
        assertThat(created.at("/pricing_rule/links/0/href").asText())
                .isEqualTo(admin.baseUrl() + "/admin/api/backend_apis/" + backend + "/metrics/" + method);
    }

    @Test
    void invalidValuesAreRejected() {
        long product = fixtures.product();
        long plan = new PlanFixtures(admin).plan(product);
        long hits = fixtures.hits("/admin/api/services/" + product);

        ApiClient.Response blank = admin.post(pricingRules(plan, hits) + ".json", Map.of("min", 0));
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.json().toString()).isEqualTo("{\"errors\":{\"cost_per_unit\":[\"can't be blank\"],"
                + "\"min\":[\"must be greater than or equal to 1\"]}}");

        ApiClient.Response reversed = admin.post(pricingRules(plan, hits) + ".json",
                Map.of("cost_per_unit", -1, "min", 10, "max", 5));
        assertThat(reversed.json().toString()).isEqualTo("{\"errors\":{\"cost_per_unit\":"
                + "[\"must be greater than or equal to 0\"],\"max\":[\"must be greater than or equal to min (10)\"]}}");
        assertThat(admin.get(pricingRules(plan, hits) + ".json").json().toString())
                .isEqualTo("{\"pricing_rules\":[]}");
    }

    @Test
    void overlappingRangesAreRejectedNamingTheOtherRule() {
        long product = fixtures.product();
        long plan = new PlanFixtures(admin).plan(product);
        long hits = fixtures.hits("/admin/api/services/" + product);
        long low = admin.post(pricingRules(plan, hits) + ".json", Map.of("cost_per_unit", 1, "min", 1, "max", 100))
                .at("/pricing_rule/id").asLong();
        long high = admin.post(pricingRules(plan, hits) + ".json", Map.of("cost_per_unit", 0.5, "min", 101))
                .at("/pricing_rule/id").asLong();

        ApiClient.Response inside = admin.post(pricingRules(plan, hits) + ".json",
                Map.of("cost_per_unit", 2, "min", 50, "max", 60));
        assertThat(inside.status()).isEqualTo(422);
        String lowText = "overlaps with pricing rule " + low + " (1..100)";
        assertThat(inside.json().toString()).isEqualTo("{\"errors\":{\"min\":[\"" + lowText + "\"],\"max\":[\""
                + lowText + "\"]}}");

        ApiClient.Response above = admin.post(pricingRules(plan, hits) + ".json",
                Map.of("cost_per_unit", 2, "min", 500, "max", 600));
        String highText = "overlaps with pricing rule " + high + " (101..infinity)";
        assertThat(above.json().toString()).isEqualTo("{\"errors\":{\"min\":[\"" + highText + "\"],\"max\":[\""
                + highText + "\"]}}");
        assertThat(admin.get(pricingRules(plan, hits) + ".json").at("/pricing_rules").size()).isEqualTo(2);

        long other = new PlanFixtures(admin).plan(product);
        assertThat(admin.post(pricingRules(other, hits) + ".json", Map.of("cost_per_unit", 2, "min", 50)).status())
                .isEqualTo(201);
    }

    @Test
    void overlapIsReportedOnTheBoundThatFallsInsideTheOtherRange() {
        long product = fixtures.product();
        long plan = new PlanFixtures(admin).plan(product);
        long metric = fixtures.metric("/admin/api/services/" + product);
        String rules = pricingRules(plan, metric) + ".json";
        long middle = admin.post(rules, Map.of("cost_per_unit", 1, "min", 10, "max", 20)).at("/pricing_rule/id")
                .asLong();
        String text = "[\"overlaps with pricing rule " + middle + " (10..20)\"]";

        assertThat(admin.post(rules, Map.of("cost_per_unit", 1, "min", 1, "max", 10)).json().toString())
                .isEqualTo("{\"errors\":{\"max\":" + text + "}}");
        assertThat(admin.post(rules, Map.of("cost_per_unit", 1, "min", 20)).json().toString())
                .isEqualTo("{\"errors\":{\"min\":" + text + "}}");
        assertThat(admin.post(rules, Map.of("cost_per_unit", 1, "min", 5, "max", 25)).json().toString())
                .isEqualTo("{\"errors\":{\"min\":" + text + ",\"max\":" + text + "}}");
        assertThat(admin.post(rules, Map.of("cost_per_unit", 1, "min", 1, "max", 9)).status()).isEqualTo(201);
        assertThat(admin.post(rules, Map.of("cost_per_unit", 1, "min", 21)).status()).isEqualTo(201);
    }

    @Test
    void deletingTheRuleOrItsMetricRemovesIt() {
        long product = fixtures.product();
        String productPath = "/admin/api/services/" + product;
        long plan = new PlanFixtures(admin).plan(product);
        long hits = fixtures.hits(productPath);
        long metric = fixtures.metric(productPath);
        String path = pricingRules(plan, hits) + "/" + admin.post(pricingRules(plan, hits) + ".json",
                Map.of("cost_per_unit", 1)).at("/pricing_rule/id").asLong() + ".json";
        admin.post(pricingRules(plan, metric) + ".json", Map.of("cost_per_unit", 1));

        ApiClient.Response deleted = admin.delete(path);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.text()).isEmpty();
        assertThat(admin.get(path).status()).isEqualTo(404);
        assertThat(admin.delete(path).status()).isEqualTo(404);

        assertThat(admin.delete(productPath + "/metrics/" + metric + ".json").status()).isEqualTo(200);
        assertThat(admin.get("/admin/api/application_plans/" + plan + "/pricing_rules.json").json().toString())
                .isEqualTo("{\"pricing_rules\":[]}");
    }
}
