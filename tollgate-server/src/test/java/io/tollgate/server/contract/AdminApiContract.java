package io.tollgate.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.server.testing.AdminFixtures;
import io.tollgate.server.testing.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The admin API driven over HTTP against each supported system database: the same scenarios on
 * H2, PostgreSQL and MariaDB, so that SQL, locking, cascades and unique-index handling are proven
 * on the real engines and not only on the embedded one.
 */
abstract class AdminApiContract extends DatabaseContract {
    @Test
    void productWithBackendRulesUsageProxyAndPoliciesRoundTrips() {
        long product = fixtures.product();
        String productPath = "/admin/api/services/" + product;
        long backend = fixtures.backend();
        String backendPath = "/admin/api/backend_apis/" + backend;
        long backendHits = fixtures.hits(backendPath);
        long list = created(admin.post(backendPath + "/metrics/" + backendHits + "/methods.json",
                Map.of("friendly_name", "List pets", "system_name", "list_pets")), "/method/id");
        long create = created(admin.post(backendPath + "/metrics/" + backendHits + "/methods.json",
                Map.of("friendly_name", "Create pet", "system_name", "create_pet")), "/method/id");
        created(admin.post(backendPath + "/mapping_rules.json", Map.of("http_method", "GET", "pattern", "/pets$",
                "metric_id", list, "delta", 1)), "/mapping_rule/id");
        long first = created(admin.post(backendPath + "/mapping_rules.json", Map.of("http_method", "POST",
                "pattern", "/pets", "metric_id", create, "delta", 2, "position", 1)), "/mapping_rule/id");
        created(admin.post(productPath + "/backend_usages.json", Map.of("backend_api_id", backend, "path", "/v1")),
                "/backend_usage/id");
        assertThat(admin.patch(productPath + "/proxy.json", Map.of("proxy", Map.of("credentials_location",
                "headers", "error_status_no_match", 418))).status()).isEqualTo(200);
        assertThat(admin.put(productPath + "/proxy/policies.json", Map.of("policies_config", List.of(
                Map.of("name", "cors", "version", "builtin", "configuration", Map.of(), "enabled", true),
                Map.of("name", "apicast", "version", "builtin", "configuration", Map.of(), "enabled", true))))
                .status()).isEqualTo(200);

        JsonNode rules = admin.get(backendPath + "/mapping_rules.json").json();
        assertThat(rules.at("/mapping_rules/0/mapping_rule/id").asLong()).isEqualTo(first);
        assertThat(rules.at("/mapping_rules/0/mapping_rule/position").asInt()).isEqualTo(1);
        assertThat(rules.at("/mapping_rules/1/mapping_rule/position").asInt()).isEqualTo(2);
        JsonNode usages = admin.get(productPath + "/backend_usages.json").json();
        assertThat(usages.isArray()).isTrue();
        assertThat(usages.at("/0/backend_usage/backend_id").asLong()).isEqualTo(backend);
        assertThat(usages.at("/0/backend_usage/path").asText()).isEqualTo("/v1");
        JsonNode proxy = admin.get(productPath + "/proxy.json").json();
        assertThat(proxy.at("/proxy/credentials_location").asText()).isEqualTo("headers");
        assertThat(proxy.at("/proxy/error_status_no_match").asInt()).isEqualTo(418);
        JsonNode chain = admin.get(productPath + "/proxy/policies.json").json();
        assertThat(chain.at("/policies_config/0/name").asText()).isEqualTo("cors");
        assertThat(chain.at("/policies_config").size()).isEqualTo(2);
        JsonNode metrics = admin.get(backendPath + "/metrics.json").json();
        assertThat(metrics.at("/metrics").size()).isEqualTo(3);
    }

    @Test
    void deletesRefuseWhileReferencedAndCascadeAfterwards() {
        long product = fixtures.product();
        long backend = fixtures.backend();
        String productPath = "/admin/api/services/" + product;
        long usage = created(admin.post(productPath + "/backend_usages.json", Map.of("backend_api_id", backend)),
                "/backend_usage/id");

        ApiClient.Response refused = admin.delete("/admin/api/backend_apis/" + backend + ".json");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.at("/errors/base/0").asText()).contains("used by at least one Product");
        assertThat(admin.get("/admin/api/backend_apis/" + backend + ".json").status()).isEqualTo(200);

        assertThat(admin.delete(productPath + "/backend_usages/" + usage + ".json").status()).isEqualTo(200);
        assertThat(admin.delete("/admin/api/backend_apis/" + backend + ".json").status()).isEqualTo(200);
        assertThat(admin.delete(productPath + ".json").status()).isEqualTo(200);
        assertThat(admin.get(productPath + "/metrics.json").status()).isEqualTo(404);
        assertThat(countRows("metrics", "service_id", product)).isZero();
        assertThat(countRows("proxies", "service_id", product)).isZero();
    }

    @Test
    void concurrentCreatesOfOneSystemNameLeaveExactlyOneProduct() throws Exception {
        String name = AdminFixtures.unique("Race");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(() -> admin.post("/admin/api/services.json", Map.of("service", Map.of("name", name)))
                        .status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(201, 422);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tenantsAreIsolatedAndDeletedWithEverythingTheyOwn() {
        ApiClient.Response signup = platform.master().post("/master/api/providers.json", Map.of("org_name",
                AdminFixtures.unique("Tenant"), "username", "owner", "email", "owner@example.com",
                "password", "secret-pass"));
        assertThat(signup.status()).isEqualTo(201);
        ApiClient other = platform.as(signup.at("/signup/access_token/value").asText());
        long tenantId = signup.at("/signup/account/id").asLong();
        long theirs = created(other.post("/admin/api/services.json", Map.of("service", Map.of("name", "Theirs"))),
                "/service/id");
        long ours = fixtures.product();

        assertThat(other.get("/admin/api/services/" + ours + ".json").status()).isEqualTo(404);
        assertThat(admin.get("/admin/api/services/" + theirs + ".json").status()).isEqualTo(404);
        assertThat(admin.delete("/admin/api/services/" + theirs + ".json").status()).isEqualTo(404);

        assertThat(platform.master().delete("/master/api/providers/" + tenantId + ".json").status()).isEqualTo(200);
        assertThat(other.get("/admin/api/services.json").status()).isEqualTo(403);
        assertThat(countRows("services", "id", theirs)).isZero();
        assertThat(admin.get("/admin/api/services/" + ours + ".json").status()).isEqualTo(200);
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
