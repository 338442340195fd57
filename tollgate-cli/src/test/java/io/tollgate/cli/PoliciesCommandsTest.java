package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** policies export/import (SET semantics) and policy-registry copy (idempotent). */
class PoliciesCommandsTest extends CliTest {
    @TempDir
    Path dir;

    private static String chainPath(long id) {
        return "/admin/api/services/" + id + "/proxy/policies.json";
    }

    @Test
    void exportsTheChainAsYamlOrJsonWithoutChangingIt() throws Exception {
        long id = product(a, unique("Policies Export "));
        a.put(chainPath(id), Map.of("policies_config", List.of(Map.of("name", "cors", "version", "builtin",
                "configuration", Map.of("allow_origin", "*")), Map.of("name", "apicast", "version", "builtin"))));
        String before = a.get(chainPath(id)).text();
        String yaml = ok("policies", "export", "a", String.valueOf(id)).out();
        assertThat(yaml).startsWith("- name: cors\n").contains("allow_origin: '*'").contains("- name: apicast");
        JsonNode json = ok("policies", "export", "-o", "json", "a", String.valueOf(id)).json();
        assertThat(json).isEqualTo(a.get(chainPath(id)).at("/policies_config"));
        Path file = dir.resolve("chain.yaml");
        ok("policies", "export", "-f", file.toString(), "a", String.valueOf(id));
        assertThat(Files.readString(file)).isEqualTo(yaml);
        assertThat(a.get(chainPath(id)).text()).isEqualTo(before);
    }

    @Test
    void importReplacesTheWholeChain() throws Exception {
        long id = product(a, unique("Policies Import "));
        a.put(chainPath(id), Map.of("policies_config", List.of(Map.of("name", "cors", "version", "builtin"),
                Map.of("name", "headers", "version", "builtin"), Map.of("name", "apicast", "version", "builtin"))));
        Path file = dir.resolve("new-chain.json");
        Files.writeString(file, "[{\"name\":\"ip_check\",\"version\":\"builtin\",\"configuration\":{\"ips\":[\"10.0.0.0/8\"]}},"
                + "{\"name\":\"apicast\",\"version\":\"builtin\"}]");
        assertThat(ok("policies", "import", "-f", file.toString(), "a", String.valueOf(id)).out())
                .contains("replaced: 2 policies");
        JsonNode chain = a.get(chainPath(id)).at("/policies_config");
        assertThat(chain.findValuesAsText("name")).containsExactly("ip_check", "apicast");

        String yaml = "policies_config:\n- name: apicast\n  version: builtin\n  configuration: {}\n  enabled: true\n";
        Result fromStdin = runWithStdin(yaml, "policies", "import", "a", String.valueOf(id));
        assertThat(fromStdin.exit()).as(fromStdin.err()).isZero();
        assertThat(a.get(chainPath(id)).at("/policies_config").findValuesAsText("name")).containsExactly("apicast");

        Result invalid = runWithStdin("[{\"name\":\"no_such\",\"version\":\"builtin\"}]", "policies", "import", "a",
                String.valueOf(id));
        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.err()).contains("HTTP 422").contains("no_such is not a builtin policy");
        assertThat(a.get(chainPath(id)).at("/policies_config").findValuesAsText("name")).containsExactly("apicast");
    }

    @Test
    void registryCopyCreatesMissingUpdatesDifferingAndIsIdempotent() {
        String name = unique("policy_");
        for (String version : List.of("1.0.0", "2.0.0")) {
            assertThat(a.post("/admin/api/registry/policies.json", Map.of("name", name, "version", version, "schema",
                    manifest(version, "Version " + version))).status()).isEqualTo(201);
        }
        assertThat(b.post("/admin/api/registry/policies.json", Map.of("name", name, "version", "2.0.0", "schema",
                manifest("2.0.0", "Outdated"))).status()).isEqualTo(201);

        assertThat(ok("policy-registry", "copy", "a", "b").out()).contains("Created 1 missing policies, updated 1 policies");
        JsonNode target = b.get("/admin/api/registry/policies.json").at("/policies");
        assertThat(target.findParents("name").stream().filter(p -> p.path("name").asText().equals(name))
                .map(p -> p.path("version").asText() + ":" + p.at("/schema/summary").asText()))
                .containsExactlyInAnyOrder("1.0.0:Version 1.0.0", "2.0.0:Version 2.0.0");
        String before = b.get("/admin/api/registry/policies.json").text();

        assertThat(ok("policy-registry", "copy", "a", "b").out()).contains("Created 0 missing policies, updated 0 policies");
        assertThat(b.get("/admin/api/registry/policies.json").text()).isEqualTo(before);
    }

    static Map<String, Object> manifest(String version, String summary) {
        return Map.of("name", "Custom", "summary", summary, "version", version,
                "configuration", Map.of("type", "object", "properties", Map.of()));
    }
}
