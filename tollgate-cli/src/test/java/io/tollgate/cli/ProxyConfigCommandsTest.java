package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyConfigCommandsTest extends CliTest {
    private static int versions(long id, String env) {
        return a.get("/admin/api/services/" + id + "/proxy/configs/" + env + ".json").at("/proxy_configs").size();
    }

    @Test
    void deploysListsShowsAndPromotesOnce() {
        long id = product(a, "Configured API");
        String service = String.valueOf(id);
        int before = versions(id, "sandbox");
        assertThat(ok("proxy-config", "deploy", "a", service).out()).contains("to sandbox");
        assertThat(versions(id, "sandbox")).isEqualTo(before + 1);

        JsonNode list = ok("proxy-config", "list", "a", service, "sandbox", "-o", "json").json();
        assertThat(list.size()).isEqualTo(before + 1);
        JsonNode latest = ok("proxy-config", "show", "a", service, "sandbox", "-o", "json").json();
        assertThat(latest.path("version").asInt()).isEqualTo(before + 1);
        assertThat(latest.at("/content/id").asLong()).isEqualTo(id);
        assertThat(ok("proxy-config", "show", "a", service, "sandbox", "--config-version", "1", "-o", "yaml").json()
                .path("version").asInt()).isEqualTo(1);
        assertThat(fails("proxy-config", "show", "a", service, "production")).contains("has no production proxy configuration");

        assertThat(ok("proxy-config", "promote", "a", service).out()).contains("promoted to production");
        assertThat(versions(id, "production")).isEqualTo(1);
        assertThat(ok("proxy-config", "promote", "a", service).out()).contains("is already in production");
        assertThat(versions(id, "production")).isEqualTo(1);
        assertThat(fails("proxy-config", "list", "a", service, "qa")).startsWith("environment: expected sandbox or production");
    }

    @Test
    void exportsEveryProductAsOneGatewayConfigFile() {
        long id = product(a, "Exported Config API");
        a.post("/admin/api/services/" + id + "/proxy/deploy.json", Map.of());
        JsonNode file = ok("proxy-config", "export", "a").json();
        assertThat(file.path("services").findValuesAsText("system_name")).contains("exported_config_api");
        JsonNode production = ok("proxy-config", "export", "a", "--environment", "production", "-o", "yaml").json();
        assertThat(production.path("services").findValuesAsText("system_name")).doesNotContain("exported_config_api");
    }
}
