package io.tollgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.model.BuiltinPolicies;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.PlatformTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyRegistryApiTest extends PlatformTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, Object> manifest(String version, String summary) {
        return Map.of("$schema", "http://apicast.io/policy-v1.1/schema", "name", "Add header",
                "summary", summary, "version", version,
                "configuration", Map.of("type", "object", "properties", Map.of("header", Map.of("type", "string")),
                        "required", List.of("header")));
    }

    private static Map<String, Object> policy(String name, String version) {
        return Map.of("name", name, "version", version, "schema", manifest(version, "Adds a header."));
    }

    @Test
    void createsFindsByIdOrNameVersionUpdatesAndDeletes() {
        ApiClient.Response created = admin.post("/admin/api/registry/policies.json", policy("add_header", "1.0.0"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.at("/policy/id").asLong();
        assertThat(created.at("/policy/name").asText()).isEqualTo("add_header");
        assertThat(created.at("/policy/version").asText()).isEqualTo("1.0.0");
        assertThat(created.at("/policy/schema/summary").asText()).isEqualTo("Adds a header.");

        assertThat(admin.get("/admin/api/registry/policies/" + id + ".json").json()).isEqualTo(created.json());
        assertThat(admin.get("/admin/api/registry/policies/add_header-1.0.0.json").json()).isEqualTo(created.json());
        assertThat(admin.get("/admin/api/registry/policies.json").at("/policies").toString())
                .contains("\"policy\":{\"id\":" + id);

        ApiClient.Response updated = admin.put("/admin/api/registry/policies/" + id + ".json",
                Map.of("schema", manifest("1.0.0", "Adds one header.")));
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.at("/policy/schema/summary").asText()).isEqualTo("Adds one header.");

        assertThat(admin.delete("/admin/api/registry/policies/add_header-1.0.0.json").status()).isEqualTo(200);
        assertThat(admin.get("/admin/api/registry/policies/" + id + ".json").status()).isEqualTo(404);
    }

    @Test
    void validatesTheManifest() {
        Map<String, Object> bad = Map.of("name", "bad", "version", "1.0", "schema", Map.of("name", "Bad",
                "summary", "x".repeat(76), "version", "2.0",
                "configuration", Map.of("type", "objekt", "properties", Map.of("a", Map.of("type", 5)),
                        "required", "a")));
        ApiClient.Response rejected = admin.post("/admin/api/registry/policies.json", bad);

        assertThat(rejected.status()).isEqualTo(422);
        // Map.of has no order: the configuration's keywords may be checked in any order.
        assertThat(rejected.at("/errors/schema")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                "summary: is too long (maximum is 75 characters)",
                "version: 2.0 does not match the policy's version 1.0",
                "configuration.type: must be one of array, boolean, integer, null, number, object, string"
                        + " (or an array of them)",
                "configuration.properties.a.type: must be one of array, boolean, integer, null, number, object,"
                        + " string (or an array of them)",
                "configuration.required: must be an array of strings");

        ApiClient.Response missing = admin.post("/admin/api/registry/policies.json",
                Map.of("version", "builtin", "schema", Map.of("version", "builtin")));
        assertThat(missing.at("/errors/name/0").asText()).isEqualTo("can't be blank");
        assertThat(missing.at("/errors/version/0").asText()).isEqualTo("builtin is reserved for the gateway's own policies");
        assertThat(missing.at("/errors/schema")).extracting(JsonNode::asText).containsExactly("name: can't be blank",
                "summary: can't be blank", "configuration: can't be blank (a JSON Schema of the policy's configuration)");
    }

    @Test
    void aVersionIsRegisteredOnce() {
        assertThat(admin.post("/admin/api/registry/policies.json", policy("once", "1.0")).status()).isEqualTo(201);
        assertThat(admin.post("/admin/api/registry/policies.json", policy("once", "1.0")).at("/errors/version/0")
                .asText()).isEqualTo("has already been taken");
    }

    @Test
    void needsThePolicyRegistryScope() {
        String managementOnly = AccessTokensApiTest.issue(admin, "No registry", "rw", List.of("account_management"))
                .at("/access_token/value").asText();
        String registryRo = AccessTokensApiTest.issue(admin, "Registry ro", "ro", List.of("policy_registry"))
                .at("/access_token/value").asText();

        assertThat(platform.as(managementOnly).get("/admin/api/registry/policies.json").status()).isEqualTo(403);
        assertThat(platform.as(registryRo).get("/admin/api/registry/policies.json").status()).isEqualTo(200);
        assertThat(platform.as(registryRo).post("/admin/api/registry/policies.json", policy("ro", "1")).status())
                .isEqualTo(403);
        // The list of usable policies is readable with either scope.
        assertThat(platform.as(managementOnly).get("/admin/api/policies.json").status()).isEqualTo(200);
        assertThat(platform.as(registryRo).get("/admin/api/policies.json").status()).isEqualTo(200);
    }

    @Test
    void listsBuiltinManifestsThenCustomVersions() throws Exception {
        admin.post("/admin/api/registry/policies.json", policy("listed", "1.0.0"));
        admin.post("/admin/api/registry/policies.json", policy("listed", "2.0.0"));
        ApiClient.Response all = admin.get("/admin/api/policies.json");

        assertThat(all.status()).isEqualTo(200);
        JsonNode policies = all.at("/policies");
        List<String> names = JSON.convertValue(policies.properties().stream().map(Map.Entry::getKey).toList(),
                JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        assertThat(names.subList(0, BuiltinPolicies.GATEWAY.size())).isEqualTo(BuiltinPolicies.GATEWAY);
        assertThat(policies.at("/apicast/0")).isEqualTo(BuiltinPolicies.manifests().get("apicast"));
        assertThat(policies.at("/listed")).extracting(m -> m.path("version").asText()).containsExactly("1.0.0", "2.0.0");
    }
}
