package io.tollgate.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Proxy configurations driven over HTTP against each system database: deploy, promote, the
 * account-wide poll with its host filter, the change token, large contents, cascades and concurrent
 * deploys, on H2, PostgreSQL and MariaDB.
 */
abstract class ProxyConfigContract extends DatabaseContract {
    @Test
    void deployPromoteAndPollKeepProductionOnThePromotedVersion() {
        long product = fixtures.product();
        String productPath = "/admin/api/services/" + product;
        long backend = fixtures.backend();
        long backendHits = fixtures.hits("/admin/api/backend_apis/" + backend);
        long rule = fixtures.rule("/admin/api/backend_apis/" + backend + "/mapping_rules", "/pets", backendHits,
                Map.of());
        fixtures.usage(product, backend, "/v1");
        fixtures.usage(product, fixtures.backend(), "/");
        assertThat(admin.patch(productPath + "/proxy.json", Map.of("proxy", Map.of("endpoint",
                "https://pets-" + engine().name().toLowerCase() + ".example.com"))).status()).isEqualTo(200);
        // That update deployed sandbox version 1 (auto-deploy); the explicit deploy below is version 2.
        assertThat(admin.get(productPath + "/proxy/configs/sandbox/1.json").at("/proxy_config/content/proxy/"
                + "proxy_rules/0/pattern").asText()).isEqualTo("/v1/pets");
        admin.put("/admin/api/backend_apis/" + backend + "/mapping_rules/" + rule + ".json", Map.of("pattern", "/cats"));
        deploy(productPath);

        ApiClient.Response promoted = admin.post(productPath + "/proxy/configs/sandbox/2/promote.json",
                Map.of("to", "production"));
        admin.patch(productPath + "/proxy.json", Map.of("proxy", Map.of("error_no_match", "Nothing here")));

        assertThat(promoted.status()).as(promoted.text()).isEqualTo(201);
        assertThat(admin.get(productPath + "/proxy/configs/staging/latest.json").at("/proxy_config/version").asInt())
                .isEqualTo(3);
        JsonNode production = admin.get(productPath + "/proxy/configs/production/latest.json").at("/proxy_config");
        assertThat(production.get("version").asInt()).isEqualTo(1);
        assertThat(production.get("content"))
                .isEqualTo(admin.get(productPath + "/proxy/configs/sandbox/2.json").at("/proxy_config/content"));
        assertThat(production.at("/content/proxy/proxy_rules/0/pattern").asText()).isEqualTo("/v1/cats");
        assertThat(production.at("/content/proxy/policy_chain/0/configuration/rules/0/url").asText())
                .isEqualTo("https://upstream.example.com");
        JsonNode polled = admin.get("/admin/api/account/proxy_configs/production.json?host=PETS-"
                + engine().name() + ".example.com").json();
        assertThat(polled.at("/proxy_configs")).hasSize(1);
        assertThat(polled.at("/proxy_configs/0/proxy_config/content/id").asLong()).isEqualTo(product);
    }

    @Test
    void contentsNearTheLimitAreStoredAndReadBackWhole() {
        long product = fixtures.product();
        String productPath = "/admin/api/services/" + product;
        String blob = "é".repeat(900_000);
        assertThat(admin.put(productPath + "/proxy/policies.json", Map.of("policies_config", List.of(
                Map.of("name", "headers", "version", "builtin", "configuration", Map.of("blob", blob)))))
                .status()).isEqualTo(200);

        JsonNode latest = admin.get(productPath + "/proxy/configs/sandbox/latest.json").at("/proxy_config");

        assertThat(latest.get("version").asInt()).isEqualTo(1);
        assertThat(latest.at("/content/proxy/policy_chain/0/configuration/blob").asText()).isEqualTo(blob);
    }

    @Test
    void deletingAProductDeletesItsConfigurations() {
        long product = fixtures.product();
        String productPath = "/admin/api/services/" + product;
        deploy(productPath);
        assertThat(admin.post(productPath + "/proxy/configs/sandbox/1/promote.json", Map.of("to", "production"))
                .status()).isEqualTo(201);

        assertThat(admin.delete(productPath + ".json").status()).isEqualTo(200);

        List<Long> polled = new ArrayList<>();
        admin.get("/admin/api/account/proxy_configs/production.json").at("/proxy_configs")
                .forEach(item -> polled.add(item.at("/proxy_config/content/id").asLong()));
        assertThat(polled).doesNotContain(product);
    }

    @Test
    void concurrentDeploysTakeDistinctVersions() throws Exception {
        long product = fixtures.product();
        String productPath = "/admin/api/services/" + product;
        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<Integer>> deploys = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                deploys.add(() -> admin.post(productPath + "/proxy/deploy.json", Map.of()).status());
            }
            for (Future<Integer> status : pool.invokeAll(deploys)) {
                assertThat(status.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdown();
        }

        List<Integer> versions = new ArrayList<>();
        admin.get(productPath + "/proxy/configs/sandbox.json").at("/proxy_configs")
                .forEach(item -> versions.add(item.at("/proxy_config/version").asInt()));
        assertThat(versions).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void theChangeTokenMovesWithEveryDeployPromotionAndDeletion() {
        // The token stands for what the environment holds: after the deletion it is what it was
        // before the product had any version.
        String sandbox = "/admin/api/account/proxy_configs/sandbox/changes.json";
        String production = "/admin/api/account/proxy_configs/production/changes.json";
        long product = fixtures.product();
        String productPath = "/admin/api/services/" + product;
        List<String> seen = new ArrayList<>();
        seen.add(token(sandbox));
        deploy(productPath);
        seen.add(token(sandbox));
        deploy(productPath);
        seen.add(token(sandbox));
        String productionBefore = token(production);
        assertThat(admin.post(productPath + "/proxy/configs/sandbox/2/promote.json", Map.of("to", "production"))
                .status()).isEqualTo(201);
        assertThat(token(sandbox)).isEqualTo(seen.get(seen.size() - 1));
        assertThat(token(production)).isNotEqualTo(productionBefore);
        assertThat(admin.delete(productPath + ".json").status()).isEqualTo(200);

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(token(sandbox)).isNotEqualTo(seen.get(seen.size() - 1)).isEqualTo(seen.get(0));
    }

    private String token(String path) {
        ApiClient.Response response = admin.get(path);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.at("/token").asText();
    }

    private void deploy(String productPath) {
        ApiClient.Response response = admin.post(productPath + "/proxy/deploy.json", Map.of());
        assertThat(response.status()).as(response.text()).isEqualTo(201);
    }
}
