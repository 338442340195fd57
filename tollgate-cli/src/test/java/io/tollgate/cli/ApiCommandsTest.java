package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.server.testing.GatewayFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code tollgate api create|list|show|delete} and {@code tollgate api policy add|update|remove}
 * against a real control plane (SPEC A1, A2): messages, exit codes, and what was deployed.
 */
class ApiCommandsTest extends CliTest {
    private static final String UPSTREAM = "https://upstream.example.com/";
    private static final String NL = System.lineSeparator();
    private static String gateway;

    @BeforeAll
    static void registerGateway() {
        gateway = unique("edge");
        GatewayFixtures.register(a, gateway, "production");
    }

    @Test
    void createsListsShowsAndDeletesAnApi() {
        String name = unique("my-api");

        Result created = ok("api", "create", "a", "--gateway=" + gateway, "--name=" + name, "--upstream=" + UPSTREAM);

        assertThat(created.out()).isEqualTo("API " + name + " created on gateway " + gateway
                + " (production), port 8081; deployed" + NL);
        Result listed = ok("api", "list", "a", "--gateway", gateway);
        assertThat(listed.out().lines().findFirst().orElseThrow().split("\\s+")).containsExactly("ID", "NAME",
                "GATEWAY", "ENVIRONMENT", "PORT", "SCHEME", "UPSTREAM", "POLICIES");
        assertThat(listed.out().lines().filter(l -> l.contains(name)).findFirst().orElseThrow().split("\\s+"))
                .containsSubsequence(name, gateway, "production", "8081", "http", UPSTREAM, "(none)");
        JsonNode json = ok("api", "list", "a", "-o", "json").json();
        assertThat(json.findValuesAsText("name")).contains(name);
        JsonNode shown = ok("api", "show", "a", name, "-o", "json").json();
        assertThat(shown.path("upstream").asText()).isEqualTo(UPSTREAM);
        assertThat(ok("api", "show", "a", shown.path("id").asText()).out()).contains("PROXY_CONFIG_VERSION")
                .contains(name);
        assertThat(a.get("/admin/api/services/" + shown.path("service_id").asLong()
                + "/proxy/configs/production/latest.json").at("/proxy_config/content/proxy/listener/port").asInt())
                .isEqualTo(8081);

        assertThat(ok("api", "update", "a", name, "--upstream=https://moved.example.com/", "--port=9101").out())
                .isEqualTo("API " + name + " updated on gateway " + gateway + " (production), port 9101; deployed" + NL);
        JsonNode moved = a.get("/admin/api/services/" + shown.path("service_id").asLong()
                + "/proxy/configs/production/latest.json").at("/proxy_config/content/proxy");
        assertThat(moved.at("/listener/port").asInt()).isEqualTo(9101);
        assertThat(ok("api", "show", "a", name, "-o", "json").json().path("upstream").asText())
                .isEqualTo("https://moved.example.com/");
        assertThat(fails("api", "update", "a", name)).isEqualTo("nothing to change: give --upstream, --port, --scheme "
                + "or --certificate/--key");
        assertThat(fails("api", "update", "a", name, "--port=70000")).contains("HTTP 422").contains("port");

        assertThat(fails("api", "show", "b", name)).startsWith("API '" + name + "' not found on ");
        assertThat(ok("api", "list", "b").out()).doesNotContain(name);
        assertThat(fails("api", "delete", "b", name)).startsWith("API '" + name + "' not found");

        assertThat(ok("api", "delete", "a", name).out()).isEqualTo("API " + name + " deleted from gateway " + gateway
                + NL);
        assertThat(fails("api", "show", "a", name)).startsWith("API '" + name + "' not found");
        assertThat(a.get("/admin/api/services/" + shown.path("service_id").asLong() + ".json").status())
                .isEqualTo(404);
    }

    @Test
    void policiesAreAddedUpdatedAndRemovedAndEachChangeIsDeployed() throws Exception {
        String name = unique("guarded");
        long service = ok("api", "create", "a", "--gateway=" + gateway, "--name=" + name, "--upstream=" + UPSTREAM,
                "--port=9100", "-o", "json").json().path("service_id").asLong();
        String latest = "/admin/api/services/" + service + "/proxy/configs/production/latest.json";

        assertThat(ok("api", "policy", "add", "a", name, "http-basic-authentication",
                "--config=username=user,password=pw").out()).isEqualTo("Policy http-basic-authentication added to"
                + " API " + name + "; deployed" + NL);
        JsonNode chain = a.get(latest).at("/proxy_config/content/proxy/policy_chain");
        assertThat(chain.findValuesAsText("name")).containsExactly("basic_auth", "routing");
        assertThat(chain.at("/0/configuration").toString()).isEqualTo("{\"username\":\"user\",\"password\":\"pw\"}");
        assertThat(ok("api", "list", "a").out().lines().filter(l -> l.contains(name)).findFirst().orElseThrow())
                .endsWith("http-basic-authentication");
        assertThat(fails("api", "policy", "add", "a", name, "http-basic-authentication",
                "--config=username=u,password=p")).contains("HTTP 422")
                .contains("policy: http-basic-authentication is already on this API");

        Path file = Files.createTempFile(home, "basic", ".json");
        Files.writeString(file, "{\"username\":\"user\",\"password\":\"a,b\",\"realm\":\"Pets\"}");
        assertThat(ok("api", "policy", "update", "a", name, "http-basic-authentication", "--config-json=" + file)
                .out()).isEqualTo("Policy http-basic-authentication of API " + name + " updated; deployed" + NL);
        assertThat(a.get(latest).at("/proxy_config/content/proxy/policy_chain/0/configuration/password").asText())
                .isEqualTo("a,b");
        assertThat(fails("api", "policy", "update", "a", name, "cors", "--config-json=" + file)).contains("HTTP 404");

        assertThat(ok("api", "policy", "remove", "a", name, "http-basic-authentication").out())
                .isEqualTo("Policy http-basic-authentication removed from API " + name + "; deployed" + NL);
        assertThat(a.get(latest).at("/proxy_config/content/proxy/policy_chain").findValuesAsText("name"))
                .containsExactly("routing");
        assertThat(fails("api", "policy", "remove", "a", name, "http-basic-authentication")).contains("HTTP 404");
        assertThat(fails("api", "policy", "add", "a", name, "apicast")).contains("policy: apicast is not available");
    }

    @Test
    void createsAnHttpsListenerFromPemFilesAndReportsRefusalsOnOneLine() throws Exception {
        GatewayFixtures.Pems pems = GatewayFixtures.selfSigned("api.example.com");
        Path certificate = Files.writeString(Files.createTempFile(home, "cert", ".pem"), pems.certificate());
        Path key = Files.writeString(Files.createTempFile(home, "key", ".pem"), pems.key());
        String name = unique("tls");

        Result created = ok("api", "create", "a", "--gateway=" + gateway, "--name=" + name, "--upstream=" + UPSTREAM,
                "--port=9443", "--scheme=https", "--certificate=" + certificate, "--key=" + key, "-o", "json");

        JsonNode listener = a.get("/admin/api/services/" + created.json().path("service_id").asLong()
                + "/proxy/configs/production/latest.json").at("/proxy_config/content/proxy/listener");
        assertThat(listener.path("scheme").asText()).isEqualTo("https");
        assertThat(listener.path("key_pem").asText()).isEqualTo(pems.key());
        assertThat(created.out()).doesNotContain("PRIVATE KEY");

        assertThat(fails("api", "create", "a", "--gateway=" + gateway, "--name=" + unique("x"), "--upstream="
                + UPSTREAM, "--port=9443")).contains("HTTP 422").contains("port: 9443 is already used by API " + name);
        assertThat(fails("api", "create", "a", "--gateway=nowhere", "--name=" + unique("x"), "--upstream=" + UPSTREAM))
                .contains("gateway: 'nowhere' is not a registered gateway of this account");
        assertThat(fails("api", "create", "a", "--gateway=" + gateway, "--name=" + unique("x"), "--upstream="
                + UPSTREAM, "--scheme=https")).contains("certificate: can't be blank (required with scheme https)");
        assertThat(fails("api", "create", "a", "--gateway=" + gateway, "--name=" + unique("x"), "--upstream="
                + UPSTREAM, "--scheme=https", "--certificate=" + home.resolve("missing.pem"), "--key=" + key))
                .startsWith("--certificate: ").endsWith("missing.pem: no such file");
        assertThat(fails("api", "policy", "add", "a", name, "headers", "--config=a=b", "--config-json=" + key))
                .isEqualTo("--config and --config-json: give one of them, not both");

        assertThat(ok("api", "create", "--help").out()).contains("--gateway").contains("--upstream")
                .contains("--certificate");
        assertThat(ok("api", "policy", "add", "--help").out()).contains("--config-json");
        assertThat(ok("api", "--help").out()).contains("policy").contains("create");
        assertThat(ok("--help").out()).contains("api");
    }
}
