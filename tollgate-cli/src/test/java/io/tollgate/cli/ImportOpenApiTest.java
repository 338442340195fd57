package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Acceptance: import openapi of OAS 2.0 and 3.0 petstores (apiKey, oauth2, none), re-runs change nothing. */
class ImportOpenApiTest extends CliTest {
    static String resource(String name) {
        try {
            return Path.of(ImportOpenApiTest.class.getResource("/openapi/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode service(String systemName) {
        for (JsonNode s : a.get("/admin/api/services.json").at("/services")) {
            if (s.at("/service/system_name").asText().equals(systemName)) {
                return s.get("service");
            }
        }
        throw new AssertionError("no product " + systemName);
    }

    private static List<String> rules(long id) {
        List<String> rules = new ArrayList<>();
        for (JsonNode r : a.get("/admin/api/services/" + id + "/proxy/mapping_rules.json").at("/mapping_rules")) {
            rules.add(r.at("/mapping_rule/http_method").asText() + " " + r.at("/mapping_rule/pattern").asText());
        }
        return rules;
    }

    private static List<String> methods(long id) {
        List<String> methods = new ArrayList<>();
        for (JsonNode m : a.get("/admin/api/services/" + id + "/metrics.json").at("/metrics")) {
            if (m.at("/metric/parent_id").isNumber()) {
                methods.add(m.at("/metric/system_name").asText() + "=" + m.at("/metric/friendly_name").asText());
            }
        }
        return methods;
    }

    /** Everything a re-run must leave alone: ids of rules and methods, the proxy version, the docs, the configs. */
    private static String state(long id) {
        return a.get("/admin/api/services/" + id + "/proxy/mapping_rules.json").text()
                + a.get("/admin/api/services/" + id + "/metrics.json").text()
                + a.get("/admin/api/services/" + id + "/proxy.json").at("/proxy/lock_version")
                + a.get("/admin/api/services/" + id + "/proxy/configs/sandbox.json").at("/proxy_configs").size()
                + a.get("/admin/api/services/" + id + "/proxy/policies.json").text()
                + a.get("/admin/api/active_docs.json").text();
    }

    @Test
    void swagger2WithAnApiKeyInAHeader() {
        Result result = ok("import", "openapi", "-d", "a", resource("petstore-v2-apikey.json"),
                "--staging-public-base-url", "https://staging.pets.example.com",
                "--production-public-base-url", "https://pets.example.com",
                "--backend-api-secret-token", "upstream-secret", "--backend-api-host-header", "petstore.internal");
        assertThat(result.out()).startsWith("Created product id: ");
        JsonNode service = service("swagger_petstore");
        long id = service.path("id").asLong();
        assertThat(service.path("name").asText()).isEqualTo("Swagger Petstore");
        assertThat(service.path("backend_version").asText()).isEqualTo("1");
        assertThat(rules(id)).containsExactly("GET /v2/pets$", "POST /v2/pets$", "GET /v2/pets/{petId}$");
        assertThat(methods(id)).containsExactlyInAnyOrder("listpets=listPets", "createpets=createPets",
                "showpetbyid=showPetById");
        JsonNode proxy = a.get("/admin/api/services/" + id + "/proxy.json").at("/proxy");
        assertThat(proxy.path("credentials_location").asText()).isEqualTo("headers");
        assertThat(proxy.path("auth_user_key").asText()).isEqualTo("X-API-Key");
        assertThat(proxy.path("api_backend").asText()).isEqualTo("https://petstore.swagger.io");
        assertThat(proxy.path("sandbox_endpoint").asText()).isEqualTo("https://staging.pets.example.com");
        assertThat(proxy.path("endpoint").asText()).isEqualTo("https://pets.example.com");
        assertThat(proxy.path("secret_token").asText()).isEqualTo("upstream-secret");
        assertThat(proxy.path("hostname_rewrite").asText()).isEqualTo("petstore.internal");
        assertThat(a.get("/admin/api/services/" + id + "/proxy/policies.json").text())
                .doesNotContain("default_credentials");
        JsonNode doc = a.get("/admin/api/active_docs.json").at("/api_docs").findParents("system_name").stream()
                .filter(d -> d.path("system_name").asText().equals("swagger_petstore")).findFirst().orElseThrow();
        assertThat(doc.path("service_id").asLong()).isEqualTo(id);
        assertThat(io.tollgate.client.Documents.parse(doc.path("body").asText(), "body").path("swagger").asText())
                .isEqualTo("2.0");

        String before = state(id);
        Result again = ok("import", "openapi", "-d", "a", resource("petstore-v2-apikey.json"),
                "--staging-public-base-url", "https://staging.pets.example.com",
                "--production-public-base-url", "https://pets.example.com",
                "--backend-api-secret-token", "upstream-secret", "--backend-api-host-header", "petstore.internal");
        assertThat(again.out()).contains("Updated product id: " + id).contains("mapping rules: unchanged");
        assertThat(state(id)).isEqualTo(before);
    }

    @Test
    void openApi3WithOauth2AndTheFirstServerOnly() {
        ok("import", "openapi", "-d", "a", "-t", "oauth_pets", resource("petstore-v3-oauth2.yaml"), "--prefix-matching");
        JsonNode service = service("oauth_pets");
        long id = service.path("id").asLong();
        assertThat(service.path("backend_version").asText()).isEqualTo("oidc");
        assertThat(rules(id)).containsExactly("GET /api/v1/pets", "DELETE /api/v1/pets");
        JsonNode proxy = a.get("/admin/api/services/" + id + "/proxy.json").at("/proxy");
        assertThat(proxy.path("api_backend").asText()).isEqualTo("https://eu.pets.example.com:8443");
        assertThat(proxy.path("credentials_location").asText()).isEqualTo("headers");
        JsonNode flows = a.get("/admin/api/services/" + id + "/proxy/oidc_configuration.json").at("/oidc_configuration");
        assertThat(flows.path("service_accounts_enabled").asBoolean()).isTrue();
        assertThat(flows.path("standard_flow_enabled").asBoolean()).isFalse();

        String before = state(id);
        ok("import", "openapi", "-d", "a", "-t", "oauth_pets", resource("petstore-v3-oauth2.yaml"), "--prefix-matching");
        assertThat(state(id)).isEqualTo(before);
    }

    @Test
    void withoutSecurityTheDefaultCredentialsPolicyIsAdded() {
        assertThat(fails("import", "openapi", "-d", "a", resource("petstore-v3-open.yaml")))
                .contains("give --default-credentials-userkey");
        ok("import", "openapi", "-d", "a", resource("petstore-v3-open.yaml"), "--default-credentials-userkey", "anon-key",
                "--override-private-base-url", "https://private.example.com");
        long id = service("open_petstore").path("id").asLong();
        JsonNode chain = a.get("/admin/api/services/" + id + "/proxy/policies.json").at("/policies_config");
        assertThat(chain.get(0).path("name").asText()).isEqualTo("default_credentials");
        assertThat(chain.get(0).at("/configuration/user_key").asText()).isEqualTo("anon-key");
        assertThat(chain.get(1).path("name").asText()).isEqualTo("apicast");
        assertThat(rules(id)).containsExactly("GET /base/pets$");
        assertThat(a.get("/admin/api/services/" + id + "/proxy.json").at("/proxy/api_backend").asText())
                .isEqualTo("https://private.example.com");

        String before = state(id);
        ok("import", "openapi", "-d", "a", resource("petstore-v3-open.yaml"), "--default-credentials-userkey", "anon-key",
                "--override-private-base-url", "https://private.example.com");
        assertThat(state(id)).isEqualTo(before);
    }

    @Test
    void openApi31FromStdinWithAQueryKey() throws Exception {
        String yaml = java.nio.file.Files.readString(Path.of(resource("petstore-v31.yaml")));
        Result result = runWithStdin(yaml, "import", "openapi", "-d", "a", "-");
        assertThat(result.exit()).as(result.err()).isZero();
        long id = service("petstore_31").path("id").asLong();
        JsonNode proxy = a.get("/admin/api/services/" + id + "/proxy.json").at("/proxy");
        assertThat(proxy.path("credentials_location").asText()).isEqualTo("query");
        assertThat(proxy.path("auth_user_key").asText()).isEqualTo("api_key");
    }

    @Test
    void readsTheDocumentFromAnHttpUrl() throws Exception {
        byte[] yaml = java.nio.file.Files.readAllBytes(Path.of(resource("petstore-v31.yaml")));
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/specs/pets.yaml", exchange -> {
            exchange.sendResponseHeaders(200, yaml.length);
            exchange.getResponseBody().write(yaml);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/specs/pets.yaml";
            ok("import", "openapi", "-d", "a", "-t", "from_url", url);
            assertThat(service("from_url").path("name").asText()).isEqualTo("Petstore 31");
            assertThat(fails("import", "openapi", "-d", "a", url.replace("pets.yaml", "missing.yaml")))
                    .isEqualTo("cannot download " + url.replace("pets.yaml", "missing.yaml") + ": HTTP 404");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anInvalidDocumentIsReportedWithPointersAndChangesNothing() {
        String before = a.get("/admin/api/services.json").text();
        String message = fails("import", "openapi", "-d", "a", resource("broken-v3.yaml"));
        assertThat(message).endsWith("broken-v3.yaml: 2 problems: /info/title: is missing; "
                + "/paths/~1pets/get/responses: is missing");
        assertThat(a.get("/admin/api/services.json").text()).isEqualTo(before);
        assertThat(fails("import", "openapi", "-d", "a", "/no/such/file.yaml")).isEqualTo("/no/such/file.yaml: no such file");
    }
}
