package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** product copy, backend copy, copy service and the deprecated update service. */
class CopyCommandsTest extends CliTest {
    private static JsonNode find(io.tollgate.server.testing.ApiClient api, String list, String key, String systemName) {
        String root = list.equals("active_docs") ? "api_docs" : list;
        for (JsonNode item : api.get("/admin/api/" + list + ".json").at("/" + root)) {
            if (item.at("/" + key + "/system_name").asText().equals(systemName)) {
                return item.get(key);
            }
        }
        return null;
    }

    private static List<String> rules(io.tollgate.server.testing.ApiClient api, String path) {
        List<String> rules = new ArrayList<>();
        for (JsonNode r : api.get(path).at("/mapping_rules")) {
            rules.add(r.at("/mapping_rule/http_method").asText() + " " + r.at("/mapping_rule/pattern").asText());
        }
        return rules;
    }

    @Test
    void productCopyCopiesEverythingAndReplacesRules() {
        String system = unique("copied_");
        long source = Fixtures.richProduct(a, system, unique("copied_backend_"));
        Fixtures.id(a.post("/admin/api/active_docs.json", Map.of("name", "Copied docs", "system_name", system + "_docs",
                "service_id", source, "body", "{\"openapi\":\"3.0.0\",\"info\":{\"title\":\"t\",\"version\":\"1\"},"
                        + "\"paths\":{}}")), "/api_doc/id");
        a.put("/admin/api/services/" + source + ".json", Map.of("support_email", "copy@example.com"));

        assertThat(ok("product", "copy", "-s", "a", "-d", "b", system).out()).contains("ActiveDocs copied: 1");
        JsonNode copy = find(b, "services", "service", system);
        long copyId = copy.path("id").asLong();
        assertThat(copy.path("support_email").asText()).isEqualTo("copy@example.com");
        assertThat(rules(b, "/admin/api/services/" + copyId + "/proxy/mapping_rules.json"))
                .containsExactly("GET /v2/pets$", "POST /v2/bytes");
        assertThat(b.get("/admin/api/services/" + copyId + "/application_plans.json").at("/plans").size()).isEqualTo(2);
        assertThat(find(b, "active_docs", "api_doc", system + "_docs").path("service_id").asLong()).isEqualTo(copyId);
        assertThat(b.get("/admin/api/services/" + copyId + "/proxy/policies.json").at("/policies_config/0/name")
                .asText()).isEqualTo("cors");

        // A rule added at the destination is replaced by the source's on the next copy.
        long hits = Fixtures.hits(b, "/admin/api/services/" + copyId);
        b.post("/admin/api/services/" + copyId + "/proxy/mapping_rules.json", Map.of("mapping_rule",
                Map.of("http_method", "GET", "pattern", "/extra", "metric_id", hits, "delta", 1)));
        ok("product", "copy", "-s", "a", "-d", "b", system);
        assertThat(rules(b, "/admin/api/services/" + copyId + "/proxy/mapping_rules.json"))
                .containsExactly("GET /v2/pets$", "POST /v2/bytes");

        String target = unique("renamed_");
        ok("product", "copy", "-s", "a", "-d", "a", "-t", target, system);
        assertThat(find(a, "services", "service", target)).isNotNull();
    }

    @Test
    void backendCopyTwiceUnderDifferentNames() {
        String backend = unique("lone_backend_");
        long id = Fixtures.id(a.post("/admin/api/backend_apis.json", Map.of("name", "Lone", "system_name", backend,
                "private_endpoint", "https://lone.example.com")), "/backend_api/id");
        long hits = Fixtures.hits(a, "/admin/api/backend_apis/" + id);
        a.post("/admin/api/backend_apis/" + id + "/mapping_rules.json", Map.of("http_method", "GET", "pattern", "/lone",
                "metric_id", hits, "delta", 1));

        ok("backend", "copy", "-s", "a", "-d", "b", backend);
        ok("backend", "copy", "-s", "a", "-d", "b", "-t", backend + "_two", backend);
        for (String name : List.of(backend, backend + "_two")) {
            JsonNode copy = find(b, "backend_apis", "backend_api", name);
            assertThat(copy.path("private_endpoint").asText()).isEqualTo("https://lone.example.com");
            assertThat(rules(b, "/admin/api/backend_apis/" + copy.path("id").asLong() + "/mapping_rules.json"))
                    .containsExactly("GET /lone");
        }
        ok("backend", "copy", "-s", "a", "-d", "b", backend);
        JsonNode copy = find(b, "backend_apis", "backend_api", backend);
        assertThat(rules(b, "/admin/api/backend_apis/" + copy.path("id").asLong() + "/mapping_rules.json"))
                .containsExactly("GET /lone");
    }

    @Test
    void copyServiceNeedsTheCustomPoliciesAtTheDestination() {
        String system = unique("custom_chain_");
        long source = product(a, system);
        String policy = unique("custom_policy_");
        assertThat(a.post("/admin/api/registry/policies.json", Map.of("name", policy, "version", "1.0",
                "schema", PoliciesCommandsTest.manifest("1.0", "custom"))).status()).isEqualTo(201);
        a.put("/admin/api/services/" + source + "/proxy/policies.json", Map.of("policies_config", List.of(
                Map.of("name", policy, "version", "1.0"), Map.of("name", "apicast", "version", "builtin"))));

        assertThat(fails("copy", "service", "-s", "a", "-d", "b", system))
                .isEqualTo("custom policy " + policy + " 1.0 is not in the destination's policy registry; copy it first"
                        + " with 'tollgate policy-registry copy <source> <destination>'");
        assertThat(find(b, "services", "service", system)).isNull();

        ok("policy-registry", "copy", "a", "b");
        ok("copy", "service", "-s", "a", "-d", "b", system);
        JsonNode copy = find(b, "services", "service", system);
        assertThat(b.get("/admin/api/services/" + copy.path("id").asLong() + "/proxy/policies.json")
                .at("/policies_config/0/name").asText()).isEqualTo(policy);
    }

    @Test
    void updateServiceWarnsAndCopiesRulesIntoAnExistingService() {
        String sourceName = unique("update_src_");
        long source = Fixtures.richProduct(a, sourceName, unique("update_backend_"));
        long target = product(b, unique("update_dst_"));
        long targetHits = Fixtures.hits(b, "/admin/api/services/" + target);
        b.post("/admin/api/services/" + target + "/proxy/mapping_rules.json", Map.of("mapping_rule",
                Map.of("http_method", "GET", "pattern", "/old", "metric_id", targetHits, "delta", 1)));
        String rulesPath = "/admin/api/services/" + target + "/proxy/mapping_rules.json";

        Result rulesOnly = run("update", "service", "-r", "-s", "a", "-d", "b", String.valueOf(source),
                String.valueOf(target));
        assertThat(rulesOnly.exit()).as(rulesOnly.err()).isZero();
        assertThat(rulesOnly.err()).contains("warning: 'update service' is deprecated");
        assertThat(rules(b, rulesPath)).containsExactly("GET /old", "GET /v2/pets$", "POST /v2/bytes");
        assertThat(b.get("/admin/api/services/" + target + "/application_plans.json").at("/plans").size()).isZero();
        assertThat(b.get("/admin/api/services/" + target + "/backend_usages.json").json().size()).isZero();

        ok("update", "service", "-f", "-s", "a", "-d", "b", String.valueOf(source), String.valueOf(target));
        assertThat(rules(b, rulesPath)).containsExactly("GET /v2/pets$", "POST /v2/bytes");
        assertThat(b.get("/admin/api/services/" + target + "/application_plans.json").at("/plans").size()).isEqualTo(2);
        Result missing = run("update", "service", "-s", "a", "-d", "b", String.valueOf(source), "no_such_service");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err().strip().lines().toList()).last().asString()
                .startsWith("tollgate: product no_such_service not found");
    }
}
