package io.tollgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.PlatformTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyConfigsApiTest extends PlatformTest {

    @Test
    void deployCreatesSandboxVersionOneAndAnswersWithTheProxy() {
        long product = fixtures.product();
        long hits = fixtures.hits(service(product));
        fixtures.rule(service(product) + "/proxy/mapping_rules", "/pets?type={type}", hits, Map.of());

        ApiClient.Response deployed = admin.post(service(product) + "/proxy/deploy.json", Map.of());

        assertThat(deployed.status()).as(deployed.text()).isEqualTo(201);
        assertThat(deployed.json()).isEqualTo(admin.get(service(product) + "/proxy.json").json());
        assertThat(deployed.headers().firstValue("Location")).hasValue(
                admin.baseUrl() + service(product) + "/proxy/configs/sandbox/1");
        JsonNode config = admin.get(service(product) + "/proxy/configs/sandbox/latest.json").at("/proxy_config");
        assertThat(fieldNames(config)).containsExactly("id", "version", "environment", "content", "created_at",
                "updated_at");
        assertThat(config.get("version").asInt()).isEqualTo(1);
        assertThat(config.get("environment").asText()).isEqualTo("sandbox");
        assertThat(config.at("/content/id").asLong()).isEqualTo(product);
        assertThat(config.at("/content/proxy/proxy_rules/0/pattern").asText()).isEqualTo("/pets?type={type}");
        assertThat(config.at("/content/proxy/proxy_rules/0/querystring_parameters/type").asText()).isEqualTo("{type}");
        assertThat(config.at("/content/proxy/policy_chain/0/name").asText()).isEqualTo("apicast");
    }

    @Test
    void changingAMappingRuleAndDeployingCreatesVersionTwoAndKeepsVersionOne() {
        long product = fixtures.product();
        long hits = fixtures.hits(service(product));
        long rule = fixtures.rule(service(product) + "/proxy/mapping_rules", "/v1", hits, Map.of());
        deploy(product);
        assertThat(admin.put(service(product) + "/proxy/mapping_rules/" + rule + ".json",
                Map.of("mapping_rule", Map.of("pattern", "/v2"))).status()).isEqualTo(200);

        deploy(product);

        assertThat(pattern(admin.get(service(product) + "/proxy/configs/sandbox/2.json"))).isEqualTo("/v2");
        assertThat(pattern(admin.get(service(product) + "/proxy/configs/sandbox/1.json"))).isEqualTo("/v1");
        assertThat(versions(product, "sandbox")).containsExactly(1, 2);
    }

    @Test
    void proxyUpdatesDeployToSandboxOnlyWhenTheContentChanged() {
        long product = fixtures.product();
        String proxy = service(product) + "/proxy.json";
        // The toolbox's "bump": an empty update deploys the first version.
        assertThat(admin.patch(proxy, Map.of("proxy", Map.of("service_id", 999))).status()).isEqualTo(200);
        assertThat(versions(product, "sandbox")).containsExactly(1);

        assertThat(admin.patch(proxy, Map.of("proxy", Map.of("service_id", 999))).status()).isEqualTo(200);
        assertThat(admin.put(proxy, Map.of("proxy", Map.of())).status()).isEqualTo(200);
        assertThat(versions(product, "sandbox")).containsExactly(1);

        assertThat(admin.patch(proxy, Map.of("proxy", Map.of("error_auth_failed", "Nope"))).status()).isEqualTo(200);
        assertThat(versions(product, "sandbox")).containsExactly(1, 2);
        assertThat(latest(product, "sandbox").at("/content/proxy/error_auth_failed").asText()).isEqualTo("Nope");

        List<Map<String, Object>> chain = List.of(Map.of("name", "cors", "version", "builtin"),
                Map.of("name", "apicast", "version", "builtin"));
        assertThat(admin.put(service(product) + "/proxy/policies.json", Map.of("policies_config", chain)).status())
                .isEqualTo(200);
        assertThat(admin.put(service(product) + "/proxy/policies.json", Map.of("policies_config", chain)).status())
                .isEqualTo(200);
        assertThat(versions(product, "sandbox")).containsExactly(1, 2, 3);
        assertThat(latest(product, "sandbox").at("/content/proxy/policy_chain/0/name").asText()).isEqualTo("cors");

        assertThat(admin.patch(service(product) + "/proxy/oidc_configuration.json",
                Map.of("implicit_flow_enabled", true)).status()).isEqualTo(200);
        assertThat(versions(product, "sandbox")).containsExactly(1, 2, 3);
    }

    @Test
    void promotedVersionStaysInProductionWhileSandboxMovesOn() {
        long product = fixtures.product();
        long hits = fixtures.hits(service(product));
        long rule = fixtures.rule(service(product) + "/proxy/mapping_rules", "/one", hits, Map.of());
        deploy(product);
        admin.put(service(product) + "/proxy/mapping_rules/" + rule + ".json", Map.of("pattern", "/two"));
        deploy(product);

        ApiClient.Response promoted = admin.post(service(product) + "/proxy/configs/sandbox/2/promote.json",
                Map.of("to", "production"));

        assertThat(promoted.status()).as(promoted.text()).isEqualTo(201);
        assertThat(promoted.at("/proxy_config/version").asInt()).isEqualTo(1);
        assertThat(promoted.at("/proxy_config/environment").asText()).isEqualTo("production");
        JsonNode sandboxV2 = admin.get(service(product) + "/proxy/configs/sandbox/2.json").at("/proxy_config/content");
        assertThat(promoted.at("/proxy_config/content")).isEqualTo(sandboxV2);
        assertThat(promoted.headers().firstValue("Location"))
                .hasValue(admin.baseUrl() + service(product) + "/proxy/configs/production/1");

        admin.put(service(product) + "/proxy/mapping_rules/" + rule + ".json", Map.of("pattern", "/three"));
        deploy(product);
        admin.patch(service(product) + "/proxy.json", Map.of("error_no_match", "Where?"));

        assertThat(versions(product, "sandbox")).containsExactly(1, 2, 3, 4);
        assertThat(versions(product, "production")).containsExactly(1);
        assertThat(latest(product, "production").get("content")).isEqualTo(sandboxV2);
        assertThat(latest(product, "production").at("/content/proxy/proxy_rules/0/pattern").asText())
                .isEqualTo("/two");
    }

    @Test
    void promotingTheSameContentAgainCreatesTheNextProductionVersion() {
        long product = fixtures.product();
        deploy(product);

        assertThat(admin.form("POST", service(product) + "/proxy/configs/staging/1/promote.json", "to=production")
                .status()).isEqualTo(201);
        ApiClient.Response again = admin.post(service(product) + "/proxy/configs/sandbox/1/promote.json",
                Map.of("proxy_config", Map.of("to", "production")));

        assertThat(again.status()).as(again.text()).isEqualTo(201);
        assertThat(versions(product, "production")).containsExactly(1, 2);
    }

    @Test
    void promoteNeedsToProductionAnExistingSandboxVersion() {
        long product = fixtures.product();
        deploy(product);
        String promote = service(product) + "/proxy/configs/sandbox/1/promote.json";

        ApiClient.Response missing = admin.post(promote, Map.of());
        ApiClient.Response other = admin.post(promote, Map.of("to", "staging"));

        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.text()).isEqualTo("{\"errors\":{\"to\":[\"can't be blank\"]}}");
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.text()).isEqualTo("{\"errors\":{\"to\":[\"is not included in the list\"]}}");
        assertThat(admin.post(service(product) + "/proxy/configs/sandbox/7/promote.json", Map.of("to", "production"))
                .status()).isEqualTo(404);
        assertThat(admin.post(service(product) + "/proxy/configs/production/1/promote.json",
                Map.of("to", "production")).status()).isEqualTo(404);
        assertThat(versions(product, "production")).isEmpty();
    }

    @Test
    void stagingIsSandboxAndOtherEnvironmentsAreNotFound() {
        long product = fixtures.product();
        deploy(product);
        deploy(product);
        String configs = service(product) + "/proxy/configs/";

        assertThat(admin.get(configs + "staging/latest.json").at("/proxy_config/environment").asText())
                .isEqualTo("sandbox");
        assertThat(admin.get(configs + "staging/1.json").at("/proxy_config/version").asInt()).isEqualTo(1);
        assertThat(admin.get(configs + "staging.json").at("/proxy_configs")).hasSize(2);
        assertThat(admin.get(configs + "sandbox.json?per_page=1&page=2").at("/proxy_configs/0/proxy_config/version")
                .asInt()).isEqualTo(2);
        for (String path : List.of("preview.json", "preview/latest.json", "preview/1.json",
                "production/latest.json", "sandbox/3.json", "sandbox/abc.json")) {
            ApiClient.Response response = admin.get(configs + path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.text()).as(path).isEqualTo("{\"status\":\"Not found\"}");
        }
        assertThat(admin.get(configs + "production.json").text()).isEqualTo("{\"proxy_configs\":[]}");
    }

    @Test
    void contentOverTwoMegabytesIsRefusedAndNothingIsStored() {
        long product = fixtures.product();
        deploy(product);
        Map<String, Object> big = Map.of("name", "headers", "version", "builtin",
                "configuration", Map.of("blob", "x".repeat(2 * 1024 * 1024)));
        List<Map<String, Object>> chain = List.of(big, Map.of("name", "apicast", "version", "builtin"));
        assertThat(admin.put(service(product) + "/proxy/policies.json", Map.of("policies_config", chain)).status())
                .isEqualTo(200);

        ApiClient.Response refused = admin.post(service(product) + "/proxy/deploy.json", Map.of());

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text()).isEqualTo("{\"errors\":{\"content\":[\"is too long (maximum is 2 MB)\"]}}");
        assertThat(versions(product, "sandbox")).containsExactly(1);
    }

    @Test
    void anotherTenantCannotReachTheConfigurations() {
        long product = fixtures.product();
        deploy(product);
        ApiClient other = platform.as(OtherTenant.token(platform));
        String configs = service(product) + "/proxy/configs/";

        assertThat(other.post(service(product) + "/proxy/deploy.json", Map.of()).status()).isEqualTo(404);
        assertThat(other.get(configs + "sandbox.json").status()).isEqualTo(404);
        assertThat(other.get(configs + "sandbox/latest.json").status()).isEqualTo(404);
        assertThat(other.get(configs + "sandbox/1.json").status()).isEqualTo(404);
        assertThat(other.post(configs + "sandbox/1/promote.json", Map.of("to", "production")).status())
                .isEqualTo(404);
        assertThat(other.get("/admin/api/account/proxy_configs/sandbox.json").text())
                .isEqualTo("{\"proxy_configs\":[]}");
        assertThat(versions(product, "sandbox")).containsExactly(1);
        assertThat(versions(product, "production")).isEmpty();
    }

    private static String service(long product) {
        return "/admin/api/services/" + product;
    }

    private static void deploy(long product) {
        ApiClient.Response response = admin.post(service(product) + "/proxy/deploy.json", Map.of());
        assertThat(response.status()).as(response.text()).isEqualTo(201);
    }

    private static JsonNode latest(long product, String env) {
        return admin.get(service(product) + "/proxy/configs/" + env + "/latest.json").at("/proxy_config");
    }

    private static List<Integer> versions(long product, String env) {
        List<Integer> versions = new ArrayList<>();
        admin.get(service(product) + "/proxy/configs/" + env + ".json").at("/proxy_configs")
                .forEach(item -> versions.add(item.at("/proxy_config/version").asInt()));
        return versions;
    }

    private static String pattern(ApiClient.Response config) {
        return config.at("/proxy_config/content/proxy/proxy_rules/0/pattern").asText();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
