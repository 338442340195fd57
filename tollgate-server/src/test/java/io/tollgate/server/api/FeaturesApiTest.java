package io.tollgate.server.api;

import static io.tollgate.server.api.ProxyApiTest.createProduct;
import static io.tollgate.server.api.ProxyApiTest.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.server.testing.PlatformTest;
import io.tollgate.server.testing.ApiClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeaturesApiTest extends PlatformTest {
    private static String features(long productId) {
        return "/admin/api/services/" + productId + "/features";
    }

    @Test
    void createsFeatureWithDefaultsAndReadsItBack() {
        long id = createProduct(admin, "Featured API");
        ApiClient.Response created = admin.post(features(id) + ".json",
                Map.of("feature", Map.of("name", "Unlimited Greetings", "description", "say hi")));

        assertThat(created.status()).isEqualTo(201);
        assertThat(keys(created.json())).containsExactly("feature");
        assertThat(keys(created.at("/feature"))).containsExactly("id", "name", "system_name", "description", "scope",
                "visible", "service_id", "created_at", "updated_at");
        long featureId = created.at("/feature/id").asLong();
        assertThat(created.at("/feature/system_name").asText()).isEqualTo("unlimited_greetings");
        assertThat(created.at("/feature/scope").asText()).isEqualTo("ApplicationPlan");
        assertThat(created.at("/feature/visible").asBoolean()).isTrue();
        assertThat(created.at("/feature/service_id").asLong()).isEqualTo(id);
        assertThat(created.headers().firstValue("Location"))
                .hasValue(admin.baseUrl() + features(id) + "/" + featureId);

        assertThat(admin.get(features(id) + "/" + featureId + ".json").json()).isEqualTo(created.json());
        ApiClient.Response list = admin.get(features(id) + ".json");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.at("/features").size()).isEqualTo(1);
        assertThat(list.at("/features/0/feature")).isEqualTo(created.at("/feature"));
    }

    @Test
    void createsFlatFeatureAsServicePlanHidden() {
        long id = createProduct(admin, "Flat Feature API");
        ApiClient.Response created = admin.post(features(id) + ".json", Map.of("name", "Support",
                "system_name", "support-24x7", "scope", "ServicePlan", "visible", false, "service_id", 999));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.at("/feature/system_name").asText()).isEqualTo("support-24x7");
        assertThat(created.at("/feature/scope").asText()).isEqualTo("ServicePlan");
        assertThat(created.at("/feature/visible").asBoolean()).isFalse();
        assertThat(created.at("/feature/service_id").asLong()).isEqualTo(id);
    }

    @Test
    void duplicateSystemNameIsTakenWithinTheProductOnly() {
        long id = createProduct(admin, "Dup Feature API");
        long other = createProduct(admin, "Dup Feature Other API");
        assertThat(admin.post(features(id) + ".json", Map.of("feature", Map.of("name", "Gold"))).status())
                .isEqualTo(201);

        ApiClient.Response clash = admin.post(features(id) + ".json", Map.of("feature", Map.of("name", "gold")));
        assertThat(clash.status()).isEqualTo(422);
        assertThat(clash.json().toString()).isEqualTo("{\"errors\":{\"system_name\":[\"has already been taken\"]}}");
        assertThat(admin.post(features(other) + ".json", Map.of("feature", Map.of("name", "Gold"))).status())
                .isEqualTo(201);
    }

    @Test
    void invalidFeatureIsRejected() {
        long id = createProduct(admin, "Invalid Feature API");
        ApiClient.Response rejected = admin.post(features(id) + ".json",
                Map.of("feature", Map.of("name", " ", "scope", "AccountPlan", "visible", "perhaps")));

        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.at("/errors/name/0").asText()).isEqualTo("can't be blank");
        assertThat(rejected.at("/errors/scope/0").asText()).isEqualTo("is not included in the list");
        assertThat(rejected.at("/errors/visible/0").asText()).isEqualTo("must be true or false");
        assertThat(admin.get(features(id) + ".json").at("/features").size()).isZero();
    }

    @Test
    void updateChangesFieldsButNeverTheSystemName() {
        long id = createProduct(admin, "Updated Feature API");
        long featureId = admin.post(features(id) + ".json", Map.of("feature", Map.of("name", "Silver")))
                .at("/feature/id").asLong();
        String path = features(id) + "/" + featureId + ".json";

        ApiClient.Response updated = admin.put(path, Map.of("feature", Map.of("name", "Platinum",
                "system_name", "platinum", "description", "shiny", "scope", "ServicePlan", "visible", false)));

        assertThat(updated.status()).isEqualTo(200);
        ApiClient.Response read = admin.get(path);
        assertThat(read.at("/feature/name").asText()).isEqualTo("Platinum");
        assertThat(read.at("/feature/system_name").asText()).isEqualTo("silver");
        assertThat(read.at("/feature/description").asText()).isEqualTo("shiny");
        assertThat(read.at("/feature/scope").asText()).isEqualTo("ServicePlan");
        assertThat(read.at("/feature/visible").asBoolean()).isFalse();

        ApiClient.Response invalid = admin.put(path, Map.of("feature", Map.of("name", "")));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(admin.get(path).at("/feature/name").asText()).isEqualTo("Platinum");
    }

    @Test
    void deleteAnswersEmptyAndTheFeatureIsGone() {
        long id = createProduct(admin, "Deleted Feature API");
        long featureId = admin.post(features(id) + ".json", Map.of("feature", Map.of("name", "Bronze")))
                .at("/feature/id").asLong();
        String path = features(id) + "/" + featureId + ".json";

        ApiClient.Response deleted = admin.delete(path);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.text()).isEmpty();
        assertThat(admin.get(path).status()).isEqualTo(404);
        assertThat(admin.delete(path).status()).isEqualTo(404);
    }

    @Test
    void featureOfAnotherProductIsNotFound() {
        long id = createProduct(admin, "Owner Feature API");
        long other = createProduct(admin, "Stranger Feature API");
        long featureId = admin.post(features(id) + ".json", Map.of("feature", Map.of("name", "Mine")))
                .at("/feature/id").asLong();

        assertThat(admin.get(features(other) + "/" + featureId + ".json").status()).isEqualTo(404);
        assertThat(admin.get(features(999999) + ".json").status()).isEqualTo(404);
    }
}
