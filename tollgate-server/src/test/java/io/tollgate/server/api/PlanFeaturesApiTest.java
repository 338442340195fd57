package io.tollgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.PlanFixtures;
import io.tollgate.server.testing.PlatformTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Features offered by a plan: features of its product with scope ApplicationPlan. */
class PlanFeaturesApiTest extends PlatformTest {

    private static long feature(long product, String name, String scope) {
        ApiClient.Response created = admin.post("/admin/api/services/" + product + "/features.json",
                Map.of("feature", Map.of("name", name, "scope", scope)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.at("/feature/id").asLong();
    }

    private static String features(long plan) {
        return "/admin/api/application_plans/" + plan + "/features";
    }

    @Test
    void addedFeatureIsListedAsTheProductRendersIt() {
        long product = fixtures.product();
        long plan = new PlanFixtures(admin).plan(product);
        long feature = feature(product, "Support", "ApplicationPlan");

        ApiClient.Response added = admin.post(features(plan) + ".json", Map.of("feature_id", feature));

        assertThat(added.status()).as(added.text()).isEqualTo(201);
        ApiClient.Response own = admin.get("/admin/api/services/" + product + "/features/" + feature + ".json");
        assertThat(added.json()).isEqualTo(own.json());
        ApiClient.Response list = admin.get(features(plan) + ".json");
        assertThat(list.json().toString()).isEqualTo("{\"features\":[" + own.json() + "]}");
    }

    @Test
    void duplicateForeignAndWrongScopeFeaturesAreRejected() {
        long product = fixtures.product();
        long plan = new PlanFixtures(admin).plan(product);
        long feature = feature(product, "Analytics", "ApplicationPlan");
        long servicePlanOnly = feature(product, "Priority", "ServicePlan");
        long foreign = feature(fixtures.product(), "Elsewhere", "ApplicationPlan");
        admin.post(features(plan) + ".json", Map.of("feature_id", feature));

        assertThat(admin.post(features(plan) + ".json", Map.of("feature_id", feature)).json().toString())
                .isEqualTo("{\"errors\":{\"feature_id\":[\"has already been taken\"]}}");
        assertThat(admin.post(features(plan) + ".json", Map.of("feature_id", servicePlanOnly)).json().toString())
                .isEqualTo("{\"errors\":{\"feature_id\":[\"must be a feature with scope ApplicationPlan\"]}}");
        ApiClient.Response rejected = admin.post(features(plan) + ".json", Map.of("feature_id", foreign));
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.json().toString())
                .isEqualTo("{\"errors\":{\"feature_id\":[\"is not a feature of the plan's product\"]}}");
        assertThat(admin.post(features(plan) + ".json", Map.of()).json().toString())
                .isEqualTo("{\"errors\":{\"feature_id\":[\"can't be blank\"]}}");
        assertThat(admin.get(features(plan) + ".json").at("/features").size()).isEqualTo(1);
    }

    @Test
    void removingTheFeatureFromThePlanKeepsTheFeature() {
        long product = fixtures.product();
        long plan = new PlanFixtures(admin).plan(product);
        long feature = feature(product, "Removable", "ApplicationPlan");
        admin.post(features(plan) + ".json", Map.of("feature_id", feature));

        ApiClient.Response removed = admin.delete(features(plan) + "/" + feature + ".json");

        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.text()).isEmpty();
        assertThat(admin.get(features(plan) + ".json").json().toString()).isEqualTo("{\"features\":[]}");
        assertThat(admin.get("/admin/api/services/" + product + "/features/" + feature + ".json").status())
                .isEqualTo(200);
        assertThat(admin.delete(features(plan) + "/" + feature + ".json").status()).isEqualTo(404);
    }

    @Test
    void deletingTheFeatureRemovesItFromThePlan() {
        long product = fixtures.product();
        long plan = new PlanFixtures(admin).plan(product);
        long feature = feature(product, "Doomed", "ApplicationPlan");
        admin.post(features(plan) + ".json", Map.of("feature_id", feature));

        assertThat(admin.delete("/admin/api/services/" + product + "/features/" + feature + ".json").status())
                .isEqualTo(200);

        assertThat(admin.get(features(plan) + ".json").json().toString()).isEqualTo("{\"features\":[]}");
        assertThat(admin.get(features(999999) + ".json").status()).isEqualTo(404);
    }
}
