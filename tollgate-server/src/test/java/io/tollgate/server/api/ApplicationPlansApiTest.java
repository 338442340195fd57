package io.tollgate.server.api;

import static io.tollgate.server.testing.PlanFixtures.plans;
import static io.tollgate.server.testing.PlanFixtures.withoutTimestamps;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.PlanFixtures;
import io.tollgate.server.testing.PlatformTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Application plans of a product: shapes, defaults, validation, state events and the default plan. */
class ApplicationPlansApiTest extends PlatformTest {

    @Test
    void createdPlanIsHiddenWithDefaultsAndTheExactShape() {
        long product = fixtures.product();
        ApiClient.Response created = admin.post(plans(product) + ".json",
                Map.of("application_plan", Map.of("name", "Basic Plan")));

        assertThat(created.status()).isEqualTo(201);
        long id = created.at("/application_plan/id").asLong();
        String base = admin.baseUrl();
        String expected = "{\"id\":" + id + ",\"name\":\"Basic Plan\",\"system_name\":\"basic_plan\","
                + "\"state\":\"hidden\",\"setup_fee\":0.0,\"cost_per_month\":0.0,\"trial_period_days\":null,"
                + "\"cancellation_period\":0,\"approval_required\":false,\"default\":false,\"custom\":false,"
                + "\"service_id\":" + product + ",\"links\":[{\"rel\":\"service\",\"href\":\"" + base
                + "/admin/api/services/" + product + "\"},{\"rel\":\"self\",\"href\":\"" + base
                + "/admin/api/services/" + product + "/application_plans/" + id + "\"}]}";
        assertThat(withoutTimestamps(created.json(), "application_plan")).isEqualTo(expected);
        assertThat(created.headers().firstValue("Location")).contains(base + plans(product) + "/" + id);
        ApiClient.Response read = admin.get(plans(product) + "/" + id + ".json");
        assertThat(withoutTimestamps(read.json(), "application_plan")).isEqualTo(expected);
    }

    @Test
    void toolboxImportBodyIsAcceptedAndReadOnlyFieldsIgnored() {
        long product = fixtures.product();
        Map<String, Object> body = new HashMap<>(Map.of("id", 999, "name", "Gold", "system_name", "gold",
                "custom", true, "default", true, "created_at", "2019-01-01T00:00:00Z", "service_id", 12345,
                "setup_fee", "10.50", "cost_per_month", 99.99, "trial_period_days", 7));
        body.putAll(Map.of("cancellation_period", 3, "approval_required", true, "state_event", "publish"));
        ApiClient.Response created = admin.post(plans(product) + ".json", Map.of("application_plan", body));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        ApiClient.Response read = admin.get(plans(product) + "/" + created.at("/application_plan/id").asLong()
                + ".json");
        assertThat(read.at("/application_plan/id").asLong()).isNotEqualTo(999);
        assertThat(read.at("/application_plan/system_name").asText()).isEqualTo("gold");
        assertThat(read.at("/application_plan/state").asText()).isEqualTo("published");
        assertThat(read.at("/application_plan/setup_fee").toString()).isEqualTo("10.5");
        assertThat(read.at("/application_plan/cost_per_month").toString()).isEqualTo("99.99");
        assertThat(read.at("/application_plan/trial_period_days").asInt()).isEqualTo(7);
        assertThat(read.at("/application_plan/cancellation_period").asInt()).isEqualTo(3);
        assertThat(read.at("/application_plan/approval_required").asBoolean()).isTrue();
        assertThat(read.at("/application_plan/custom").asBoolean()).isFalse();
        assertThat(read.at("/application_plan/default").asBoolean()).isFalse();
        assertThat(read.at("/application_plan/service_id").asLong()).isEqualTo(product);
    }

    @Test
    void flatBodyIsAcceptedToo() {
        long product = fixtures.product();
        ApiClient.Response created = admin.post(plans(product) + ".json", Map.of("name", "Flat", "cost_per_month", 5));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.at("/application_plan/cost_per_month").toString()).isEqualTo("5.0");
    }

    @Test
    void invalidFieldsAreRejectedWithRailsMessages() {
        long product = fixtures.product();
        ApiClient.Response rejected = admin.post(plans(product) + ".json", Map.of("application_plan", Map.of(
                "name", " ", "setup_fee", -1, "cost_per_month", "lots", "trial_period_days", -2,
                "cancellation_period", "x", "approval_required", "maybe", "state_event", "launch")));

        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.json().toString()).isEqualTo("{\"errors\":{\"name\":[\"can't be blank\"],"
                + "\"state_event\":[\"is invalid\"],\"approval_required\":[\"must be true or false\"],"
                + "\"setup_fee\":[\"must be greater than or equal to 0\"],\"cost_per_month\":[\"is not a number\"],"
                + "\"trial_period_days\":[\"must be greater than or equal to 0\"],"
                + "\"cancellation_period\":[\"is not a number\"]}}");
        assertThat(admin.get(plans(product) + ".json").json().toString()).isEqualTo("{\"plans\":[]}");
    }

    @Test
    void systemNameIsUniquePerProductAndNeverChanges() {
        long product = fixtures.product();
        long other = fixtures.product();
        long id = new PlanFixtures(admin).plan(product, "Pro");

        ApiClient.Response clash = admin.post(plans(product) + ".json", Map.of("application_plan",
                Map.of("name", "Another", "system_name", "pro")));
        assertThat(clash.status()).isEqualTo(422);
        assertThat(clash.json().toString()).isEqualTo("{\"errors\":{\"system_name\":[\"has already been taken\"]}}");
        assertThat(admin.post(plans(other) + ".json", Map.of("name", "Pro")).status()).isEqualTo(201);

        ApiClient.Response renamed = admin.put(plans(product) + "/" + id + ".json", Map.of("application_plan",
                Map.of("name", "Professional", "system_name", "professional")));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.at("/application_plan/name").asText()).isEqualTo("Professional");
        assertThat(renamed.at("/application_plan/system_name").asText()).isEqualTo("pro");
    }

    @Test
    void patchChangesOnlyTheGivenFieldsAndStateEventsMoveTheState() {
        long product = fixtures.product();
        String path = plans(product) + "/" + new PlanFixtures(admin).plan(product, "Patchy") + ".json";
        assertThat(admin.patch(path, Map.of("application_plan", Map.of("cost_per_month", "12.3456",
                "state_event", "publish"))).status()).isEqualTo(200);

        ApiClient.Response read = admin.get(path);
        assertThat(read.at("/application_plan/name").asText()).isEqualTo("Patchy");
        assertThat(read.at("/application_plan/cost_per_month").toString()).isEqualTo("12.3456");
        assertThat(read.at("/application_plan/state").asText()).isEqualTo("published");

        assertThat(admin.put(path, Map.of("state_event", "hide")).at("/application_plan/state").asText())
                .isEqualTo("hidden");
        ApiClient.Response invalid = admin.patch(path, Map.of("application_plan", Map.of("state_event", "archive")));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().toString()).isEqualTo("{\"errors\":{\"state_event\":[\"is invalid\"]}}");
        assertThat(admin.get(path).at("/application_plan/state").asText()).isEqualTo("hidden");
    }

    @Test
    void defaultRouteMakesThePlanTheProductsOnlyDefault() {
        long product = fixtures.product();
        PlanFixtures plans = new PlanFixtures(admin);
        long first = plans.plan(product);
        long second = plans.plan(product);
        long otherProduct = fixtures.product();
        long elsewhere = plans.plan(otherProduct);
        assertThat(admin.put(plans(product) + "/" + first + "/default.json", Map.of()).at("/application_plan/default")
                .asBoolean()).isTrue();
        assertThat(admin.put(plans(otherProduct) + "/" + elsewhere + "/default.json", Map.of()).status())
                .isEqualTo(200);

        ApiClient.Response switched = admin.put(plans(product) + "/" + second + "/default.json", Map.of());

        assertThat(switched.status()).isEqualTo(200);
        assertThat(switched.at("/application_plan/default").asBoolean()).isTrue();
        ApiClient.Response list = admin.get(plans(product) + ".json");
        assertThat(list.at("/plans/0/application_plan/id").asLong()).isEqualTo(first);
        assertThat(list.at("/plans/0/application_plan/default").asBoolean()).isFalse();
        assertThat(list.at("/plans/1/application_plan/default").asBoolean()).isTrue();
        assertThat(admin.get(plans(otherProduct) + "/" + elsewhere + ".json").at("/application_plan/default")
                .asBoolean()).isTrue();
    }

    @Test
    void tenantListHoldsPlansOfEveryProduct() {
        long a = new PlanFixtures(admin).plan(fixtures.product(), "Across A");
        long b = new PlanFixtures(admin).plan(fixtures.product(), "Across B");

        ApiClient.Response all = admin.get("/admin/api/application_plans.json");

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("plans").findValues("id").stream().map(n -> n.asLong()))
                .contains(a, b);
        assertThat(all.at("/plans/0/application_plan/system_name").isTextual()).isTrue();
    }

    @Test
    void deleteRemovesThePlanAndDeletingTheProductRemovesItsPlans() {
        long product = fixtures.product();
        PlanFixtures plans = new PlanFixtures(admin);
        String path = plans(product) + "/" + plans.plan(product) + ".json";
        long kept = plans.plan(product);

        ApiClient.Response deleted = admin.delete(path);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.text()).isEmpty();
        assertThat(admin.get(path).status()).isEqualTo(404);
        assertThat(admin.delete(path).status()).isEqualTo(404);

        assertThat(admin.delete("/admin/api/services/" + product + ".json").status()).isEqualTo(200);
        assertThat(admin.get("/admin/api/application_plans.json").json().findValues("id").stream()
                .map(n -> n.asLong())).doesNotContain(kept);
    }

    @Test
    void planOfAnotherProductIsNotFound() {
        long product = fixtures.product();
        long other = fixtures.product();
        long id = new PlanFixtures(admin).plan(product);

        assertThat(admin.get(plans(other) + "/" + id + ".json").status()).isEqualTo(404);
        assertThat(admin.put(plans(other) + "/" + id + "/default.json", Map.of()).status()).isEqualTo(404);
        assertThat(admin.get(plans(999999) + ".json").status()).isEqualTo(404);
    }
}
