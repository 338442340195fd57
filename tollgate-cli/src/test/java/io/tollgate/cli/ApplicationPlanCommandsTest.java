package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.client.Documents;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationPlanCommandsTest extends CliTest {
    @TempDir
    Path dir;

    private static JsonNode plan(long serviceId, String systemName) {
        for (JsonNode p : a.get("/admin/api/services/" + serviceId + "/application_plans.json").at("/plans")) {
            if (p.at("/application_plan/system_name").asText().equals(systemName)) {
                return p.get("application_plan");
            }
        }
        throw new AssertionError("no plan " + systemName);
    }

    private static JsonNode limits(long planId) {
        return a.get("/admin/api/application_plans/" + planId + "/limits.json").at("/limits");
    }

    @Test
    void createsAPublishedDefaultDisabledPlan() {
        long id = product(a, unique("Plans "));
        ok("application-plan", "create", "a", String.valueOf(id), "Gold", "-t", "gold", "-p", "--default",
                "--disabled", "--approval-required=true", "--cost-per-month=10.5", "--setup-fee=2",
                "--trial-period-days=14");
        JsonNode gold = plan(id, "gold");
        assertThat(gold.path("state").asText()).isEqualTo("published");
        assertThat(gold.path("default").asBoolean()).isTrue();
        assertThat(gold.path("approval_required").asBoolean()).isTrue();
        assertThat(gold.path("cost_per_month").decimalValue()).isEqualByComparingTo("10.5");
        assertThat(gold.path("setup_fee").decimalValue()).isEqualByComparingTo("2");
        assertThat(gold.path("trial_period_days").asInt()).isEqualTo(14);
        JsonNode limits = limits(gold.path("id").asLong());
        assertThat(limits.size()).isEqualTo(1);
        assertThat(limits.at("/0/limit/period").asText()).isEqualTo("eternity");
        assertThat(limits.at("/0/limit/value").asLong()).isZero();

        assertThat(fails("application-plan", "create", "a", String.valueOf(id), "Gold", "-t", "gold"))
                .contains("system_name: has already been taken");
    }

    @Test
    void appliesListsShowsAndDeletes() {
        long id = product(a, unique("Plan Apply "));
        String service = String.valueOf(id);
        ok("application-plan", "apply", "a", service, "silver", "-n", "Silver", "--publish");
        long planId = plan(id, "silver").path("id").asLong();
        assertThat(plan(id, "silver").path("state").asText()).isEqualTo("published");
        ok("application-plan", "apply", "a", service, "silver", "--hide", "--disabled");
        assertThat(plan(id, "silver").path("state").asText()).isEqualTo("hidden");
        assertThat(limits(planId).size()).isEqualTo(1);
        ok("application-plan", "apply", "a", service, String.valueOf(planId), "--enabled");
        assertThat(limits(planId).size()).isZero();
        assertThat(plan(id, "silver").path("id").asLong()).isEqualTo(planId);

        assertThat(ok("application-plan", "list", "a", service).out()).contains("silver");
        assertThat(ok("application-plan", "show", "a", service, "silver", "-o", "json").json().path("name").asText())
                .isEqualTo("Silver");
        ok("application-plan", "delete", "a", service, "silver");
        assertThat(a.get("/admin/api/services/" + id + "/application_plans.json").at("/plans").size()).isZero();
    }

    @Test
    void exportImportsIntoAnotherTenantWithLimitsPricingFeaturesAndMetrics() throws Exception {
        long source = Fixtures.richProduct(a, unique("plan_src"), unique("plan_src_backend"));
        long feature = Fixtures.id(a.post("/admin/api/services/" + source + "/features.json",
                java.util.Map.of("name", "Unlimited greetings")), "/feature/id");
        long basic = plan(source, "basic").path("id").asLong();
        Fixtures.id(a.post("/admin/api/application_plans/" + basic + "/features.json",
                java.util.Map.of("feature_id", feature)), "/feature/id");
        Path file = dir.resolve("plan.yaml");
        ok("application-plan", "export", "-f", file.toString(), "a", String.valueOf(source), "basic");
        JsonNode exported = Documents.parse(Files.readString(file), "plan");
        assertThat(exported.at("/plan/system_name").asText()).isEqualTo("basic");
        assertThat(exported.path("limits").toString()).contains("\"metric_backend_system_name\"");
        assertThat(exported.path("pricingrules").size()).isEqualTo(2);
        assertThat(exported.at("/plan_features/0/system_name").asText()).isEqualTo("unlimited_greetings");
        assertThat(exported.path("methods").findValuesAsText("system_name")).containsExactly("list_pets");

        // The backend-metric limit needs the backend at the destination: a product that only has hits
        // there gets a clear error, and nothing is written.
        long bare = product(b, unique("Plan Target "));
        Result missing = runWithStdin(Files.readString(file), "application-plan", "import", "b", String.valueOf(bare));
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("is not used by the product (import the backend first)");
        assertThat(b.get("/admin/api/services/" + bare + "/application_plans.json").at("/plans").size()).isZero();

        // Without the backend limit, it imports, creating the method it prices.
        String withoutBackend = Documents.yaml(withoutBackendLimits(exported));
        Result imported = runWithStdin(withoutBackend, "application-plan", "import", "b", String.valueOf(bare),
                "-p", "imported");
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("Application plan created").contains("Missing 0 metrics and 1 methods created");
        JsonNode target = null;
        for (JsonNode p : b.get("/admin/api/services/" + bare + "/application_plans.json").at("/plans")) {
            target = p.get("application_plan");
        }
        assertThat(target.path("system_name").asText()).isEqualTo("imported");
        assertThat(target.path("cost_per_month").decimalValue()).isEqualByComparingTo("10.5");
        long targetId = target.path("id").asLong();
        assertThat(b.get("/admin/api/application_plans/" + targetId + "/limits.json").at("/limits").size()).isEqualTo(1);
        assertThat(b.get("/admin/api/application_plans/" + targetId + "/pricing_rules.json").at("/pricing_rules").size())
                .isEqualTo(2);
        assertThat(b.get("/admin/api/application_plans/" + targetId + "/features.json").at("/features").size())
                .isEqualTo(1);

        Result again = runWithStdin(withoutBackend, "application-plan", "import", "b", String.valueOf(bare),
                "-p", "imported");
        assertThat(again.out()).contains("Application plan updated").contains("Limits: 0 created, 0 deleted")
                .contains("Pricing rules: 0 created, 0 deleted").contains("Features added to the plan: 0");
    }

    private static JsonNode withoutBackendLimits(JsonNode exported) {
        JsonNode copy = exported.deepCopy();
        com.fasterxml.jackson.databind.node.ArrayNode limits = (com.fasterxml.jackson.databind.node.ArrayNode)
                copy.path("limits");
        for (int i = limits.size() - 1; i >= 0; i--) {
            if (limits.get(i).has("metric_backend_system_name")) {
                limits.remove(i);
            }
        }
        return copy;
    }
}
