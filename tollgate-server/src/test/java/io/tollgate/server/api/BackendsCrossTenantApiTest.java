package io.tollgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.model.Owner;
import io.tollgate.server.testing.AdminFixtures;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.TestPlatform;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Another tenant can neither see nor change the first tenant's backends, rules and usages. */
class BackendsCrossTenantApiTest {
    private static TestPlatform platform;
    private static ApiClient admin;
    private static ApiClient other;
    private static AdminFixtures fixtures;

    private static long product;
    private static long backend;
    private static long productRule;
    private static long backendRule;
    private static long usage;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start();
        admin = platform.admin();
        fixtures = new AdminFixtures(admin);
        ApiClient.Response signup = platform.master().post("/master/api/providers.json", Map.of("org_name", "Other",
                "username", "other", "email", "o@example.com", "password", "secret-pass"));
        assertThat(signup.status()).as(signup.text()).isEqualTo(201);
        other = platform.as(signup.at("/signup/access_token/value").asText());

        product = fixtures.product();
        backend = fixtures.backend();
        String productPath = "/admin/api/services/" + product;
        String backendPath = "/admin/api/backend_apis/" + backend;
        productRule = fixtures.rule(productPath + "/proxy/mapping_rules", "/p", fixtures.hits(productPath), Map.of());
        backendRule = fixtures.rule(backendPath + "/mapping_rules", "/b", fixtures.hits(backendPath), Map.of());
        usage = fixtures.usage(product, backend, "/");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void otherTenantGetsNotFoundOnBackends() {
        String path = "/admin/api/backend_apis/" + backend + ".json";
        assertThat(other.get(path).status()).isEqualTo(404);
        assertThat(other.put(path, Map.of("name", "Stolen")).status()).isEqualTo(404);
        assertThat(other.delete(path).status()).isEqualTo(404);
        assertThat(other.get("/admin/api/backend_apis/" + backend + "/metrics.json").status()).isEqualTo(404);
        assertThat(other.get("/admin/api/backend_apis.json").at("/backend_apis").size()).isZero();
        assertThat(admin.get(path).at("/backend_api/name").asText()).startsWith("Backend");
    }

    @Test
    void otherTenantGetsNotFoundOnRules() {
        String productRules = "/admin/api/services/" + product + "/proxy/mapping_rules";
        String backendRules = "/admin/api/backend_apis/" + backend + "/mapping_rules";
        assertThat(other.get(productRules + ".json").status()).isEqualTo(404);
        assertThat(other.get(productRules + "/" + productRule + ".json").status()).isEqualTo(404);
        assertThat(other.patch("/admin/api/services/" + product + "/mapping_rules/" + productRule + ".json",
                Map.of("delta", 9)).status()).isEqualTo(404);
        assertThat(other.delete(productRules + "/" + productRule + ".json").status()).isEqualTo(404);
        assertThat(other.get(backendRules + ".json").status()).isEqualTo(404);
        assertThat(other.put(backendRules + "/" + backendRule + ".json", Map.of("delta", 9)).status()).isEqualTo(404);
        assertThat(other.post(backendRules + ".json", Map.of("http_method", "GET", "pattern", "/x", "delta", 1,
                "metric_id", fixtures.hits("/admin/api/backend_apis/" + backend))).status()).isEqualTo(404);
        assertThat(MappingRulesApiTest.storedRules(platform, Owner.product(product)))
                .singleElement().satisfies(r -> assertThat(r.delta()).isEqualTo(1));
        assertThat(MappingRulesApiTest.storedRules(platform, Owner.backend(backend))).hasSize(1);
    }

    @Test
    void otherTenantGetsNotFoundOnUsages() {
        String usages = "/admin/api/services/" + product + "/backend_usages";
        assertThat(other.get(usages + ".json").status()).isEqualTo(404);
        assertThat(other.get(usages + "/" + usage + ".json").status()).isEqualTo(404);
        assertThat(other.put(usages + "/" + usage + ".json", Map.of("path", "/x")).status()).isEqualTo(404);
        assertThat(other.delete(usages + "/" + usage + ".json").status()).isEqualTo(404);
        assertThat(admin.get(usages + ".json").json()).hasSize(1);
    }

    @Test
    void otherTenantCannotUseFirstTenantsBackendOrMetric() {
        long otherProduct = new AdminFixtures(other).product();
        String otherPath = "/admin/api/services/" + otherProduct;

        ApiClient.Response usage = other.post(otherPath + "/backend_usages.json", Map.of("backend_api_id", backend));
        ApiClient.Response rule = other.post(otherPath + "/proxy/mapping_rules.json", Map.of("mapping_rule",
                Map.of("http_method", "GET", "pattern", "/", "delta", 1,
                        "metric_id", fixtures.hits("/admin/api/services/" + product))));

        assertThat(usage.status()).isEqualTo(422);
        assertThat(usage.at("/errors/backend_api_id/0").asText()).isEqualTo("must be a backend of this account");
        assertThat(rule.status()).isEqualTo(422);
        assertThat(rule.at("/errors/metric_id/0").asText()).isEqualTo("must be a metric or method of this product");
        assertThat(other.get(otherPath + "/backend_usages.json").json()).isEmpty();
    }
}
