package io.tollgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.server.testing.PlatformTest;
import io.tollgate.server.testing.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyApiTest extends PlatformTest {
    static long createProduct(ApiClient client, String name) {
        ApiClient.Response created = client.post("/admin/api/services.json", Map.of("service", Map.of("name", name)));
        assertThat(created.status()).isEqualTo(201);
        return created.at("/service/id").asLong();
    }

    static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void newProductHasPortaProxyDefaultsInTheExactWireShape() {
        long id = createProduct(admin, "Defaults API");
        ApiClient.Response response = admin.get("/admin/api/services/" + id + "/proxy.json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(keys(response.json())).containsExactly("proxy");
        JsonNode proxy = response.at("/proxy");
        assertThat(keys(proxy)).containsExactly("service_id", "endpoint", "sandbox_endpoint", "api_backend",
                "credentials_location", "auth_app_key", "auth_app_id", "auth_user_key",
                "error_auth_failed", "error_status_auth_failed", "error_headers_auth_failed",
                "error_auth_missing", "error_status_auth_missing", "error_headers_auth_missing",
                "error_no_match", "error_status_no_match", "error_headers_no_match",
                "error_limits_exceeded", "error_status_limits_exceeded", "error_headers_limits_exceeded",
                "secret_token", "hostname_rewrite", "oidc_issuer_endpoint", "oidc_issuer_type",
                "jwt_claim_with_client_id", "jwt_claim_with_client_id_type", "api_test_path", "policies_config",
                "lock_version", "created_at", "updated_at", "links");
        assertThat(proxy.get("service_id").asLong()).isEqualTo(id);
        assertThat(proxy.get("endpoint").asText()).isEqualTo("http://defaults-api-default.production.localhost:8080");
        assertThat(proxy.get("sandbox_endpoint").asText()).isEqualTo("http://defaults-api-default.staging.localhost:8090");
        assertThat(proxy.get("credentials_location").asText()).isEqualTo("query");
        assertThat(proxy.get("auth_user_key").asText()).isEqualTo("user_key");
        assertThat(proxy.get("auth_app_id").asText()).isEqualTo("app_id");
        assertThat(proxy.get("auth_app_key").asText()).isEqualTo("app_key");
        assertThat(proxy.get("error_status_auth_failed").asInt()).isEqualTo(403);
        assertThat(proxy.get("error_status_auth_missing").asInt()).isEqualTo(403);
        assertThat(proxy.get("error_status_no_match").asInt()).isEqualTo(404);
        assertThat(proxy.get("error_status_limits_exceeded").asInt()).isEqualTo(429);
        for (String kind : List.of("auth_failed", "auth_missing", "no_match", "limits_exceeded")) {
            assertThat(proxy.get("error_headers_" + kind).asText()).isEqualTo("text/plain; charset=us-ascii");
        }
        assertThat(proxy.get("error_auth_failed").asText()).isEqualTo("Authentication failed");
        assertThat(proxy.get("error_auth_missing").asText()).isEqualTo("Authentication parameters missing");
        assertThat(proxy.get("error_no_match").asText()).isEqualTo("No Mapping Rule matched");
        assertThat(proxy.get("error_limits_exceeded").asText()).isEqualTo("Usage limit exceeded");
        assertThat(proxy.get("secret_token").asText()).hasSize(32);
        assertThat(proxy.get("oidc_issuer_type").asText()).isEqualTo("keycloak");
        assertThat(proxy.get("jwt_claim_with_client_id_type").asText()).isEqualTo("plain");
        assertThat(proxy.get("api_test_path").asText()).isEqualTo("/");
        assertThat(proxy.get("policies_config").toString())
                .isEqualTo("[{\"name\":\"apicast\",\"version\":\"builtin\",\"configuration\":{},\"enabled\":true}]");
        assertThat(proxy.get("lock_version").asLong()).isEqualTo(1);
        assertThat(proxy.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(proxy.at("/links/0/rel").asText()).isEqualTo("service");
        assertThat(proxy.at("/links/0/href").asText()).isEqualTo(admin.baseUrl() + "/admin/api/services/" + id);
        assertThat(proxy.at("/links/1/rel").asText()).isEqualTo("self");
        assertThat(proxy.at("/links/1/href").asText())
                .isEqualTo(admin.baseUrl() + "/admin/api/services/" + id + "/proxy");
    }

    @Test
    void patchWrappedInProxyUpdatesGivenFieldsAndBumpsLockVersion() {
        long id = createProduct(admin, "Patched API");
        String path = "/admin/api/services/" + id + "/proxy.json";
        ApiClient.Response patched = admin.patch(path, Map.of("proxy", Map.of(
                "api_backend", "https://upstream.example.com:8443/v1",
                "credentials_location", "headers",
                "auth_user_key", "X-Api-Key",
                "error_status_no_match", 418,
                "error_no_match", "nothing here",
                "error_headers_no_match", "application/json",
                "hostname_rewrite", "upstream.example.com",
                "oidc_issuer_endpoint", "https://client:secret@sso.example.com/auth/realms/demo",
                "oidc_issuer_type", "rest",
                "jwt_claim_with_client_id_type", "liquid")));

        assertThat(patched.status()).isEqualTo(200);
        JsonNode proxy = admin.get(path).at("/proxy");
        assertThat(proxy.get("api_backend").asText()).isEqualTo("https://upstream.example.com:8443/v1");
        assertThat(proxy.get("credentials_location").asText()).isEqualTo("headers");
        assertThat(proxy.get("auth_user_key").asText()).isEqualTo("X-Api-Key");
        assertThat(proxy.get("error_status_no_match").asInt()).isEqualTo(418);
        assertThat(proxy.get("error_no_match").asText()).isEqualTo("nothing here");
        assertThat(proxy.get("error_headers_no_match").asText()).isEqualTo("application/json");
        assertThat(proxy.get("hostname_rewrite").asText()).isEqualTo("upstream.example.com");
        assertThat(proxy.get("oidc_issuer_endpoint").asText())
                .isEqualTo("https://client:secret@sso.example.com/auth/realms/demo");
        assertThat(proxy.get("oidc_issuer_type").asText()).isEqualTo("rest");
        assertThat(proxy.get("jwt_claim_with_client_id_type").asText()).isEqualTo("liquid");
        assertThat(proxy.get("auth_app_id").asText()).isEqualTo("app_id");
        assertThat(proxy.get("error_status_auth_failed").asInt()).isEqualTo(403);
        assertThat(proxy.get("lock_version").asLong()).isEqualTo(2);
        assertThat(patched.at("/proxy")).isEqualTo(proxy);
    }

    @Test
    void putWithFlatBodyAsTheGoClientSendsIt() {
        long id = createProduct(admin, "Go Client API");
        String path = "/admin/api/services/" + id + "/proxy.json";
        ApiClient.Response put = admin.put(path, Map.of("endpoint", "https://api.example.com",
                "sandbox_endpoint", "https://staging.example.com:8443", "error_status_auth_missing", "401"));

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.at("/proxy/endpoint").asText()).isEqualTo("https://api.example.com");
        assertThat(put.at("/proxy/sandbox_endpoint").asText()).isEqualTo("https://staging.example.com:8443");
        assertThat(put.at("/proxy/error_status_auth_missing").asInt()).isEqualTo(401);
        assertThat(admin.get(path).at("/proxy/endpoint").asText()).isEqualTo("https://api.example.com");
    }

    @Test
    void formEncodedWrappedUpdateIsAccepted() {
        long id = createProduct(admin, "Form Proxy API");
        ApiClient.Response put = admin.form("PUT", "/admin/api/services/" + id + "/proxy.json",
                "proxy%5Bcredentials_location%5D=authorization&proxy%5Berror_status_limits_exceeded%5D=503");

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.at("/proxy/credentials_location").asText()).isEqualTo("authorization");
        assertThat(put.at("/proxy/error_status_limits_exceeded").asInt()).isEqualTo(503);
    }

    @Test
    void toolboxBumpWithAnotherServiceIdIsAcceptedAndIgnored() {
        long id = createProduct(admin, "Bumped API");
        long other = createProduct(admin, "Other Bumped API");
        String path = "/admin/api/services/" + id + "/proxy.json";
        JsonNode before = admin.get(path).at("/proxy");

        ApiClient.Response bumped = admin.patch(path, Map.of("proxy", Map.of("service_id", other, "id", other,
                "lock_version", 99, "created_at", "2001-01-01T00:00:00Z", "links", List.of(), "unknown", "x")));

        assertThat(bumped.status()).isEqualTo(200);
        assertThat(bumped.at("/proxy/service_id").asLong()).isEqualTo(id);
        assertThat(bumped.at("/proxy/lock_version").asLong()).isEqualTo(before.get("lock_version").asLong() + 1);
        assertThat(bumped.at("/proxy/created_at")).isEqualTo(before.get("created_at"));
        assertThat(bumped.at("/proxy/endpoint")).isEqualTo(before.get("endpoint"));
        assertThat(admin.get("/admin/api/services/" + other + "/proxy.json").at("/proxy/lock_version").asLong())
                .isEqualTo(1);
    }

    @Test
    void invalidValuesAreRejectedPerFieldAndNothingChanges() {
        long id = createProduct(admin, "Invalid Proxy API");
        String path = "/admin/api/services/" + id + "/proxy.json";
        JsonNode before = admin.get(path).at("/proxy");
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("endpoint", "https://api.example.com/with/path");
        body.put("sandbox_endpoint", "ftp://staging.example.com");
        body.put("api_backend", "not a url");
        body.put("credentials_location", "cookie");
        body.put("auth_user_key", " ");
        body.put("error_status_auth_failed", 700);
        body.put("error_status_no_match", 99);
        body.put("error_status_auth_missing", "abc");
        body.put("error_headers_limits_exceeded", "");
        body.put("oidc_issuer_endpoint", "sso.example.com");
        body.put("oidc_issuer_type", "okta");
        body.put("jwt_claim_with_client_id_type", "regex");
        body.put("credentials_location_unrelated", "ignored");

        ApiClient.Response rejected = admin.patch(path, Map.of("proxy", body));

        assertThat(rejected.status()).isEqualTo(422);
        assertThat(keys(rejected.at("/errors"))).containsExactlyInAnyOrder("endpoint", "sandbox_endpoint",
                "api_backend", "credentials_location", "auth_user_key", "error_status_auth_failed",
                "error_status_no_match", "error_status_auth_missing", "error_headers_limits_exceeded", "oidc_issuer_endpoint", "oidc_issuer_type",
                "jwt_claim_with_client_id_type");
        assertThat(rejected.at("/errors/endpoint/0").asText()).isEqualTo("must not have a path");
        assertThat(rejected.at("/errors/credentials_location/0").asText()).isEqualTo("is not included in the list");
        assertThat(rejected.at("/errors/auth_user_key/0").asText()).isEqualTo("can't be blank");
        assertThat(rejected.at("/errors/error_status_auth_failed/0").asText())
                .isEqualTo("must be an integer between 100 and 599");
        assertThat(rejected.at("/errors/error_status_no_match/0").asText())
                .isEqualTo("must be an integer between 100 and 599");
        assertThat(rejected.at("/errors/error_status_auth_missing/0").asText()).isEqualTo("is not a number");
        assertThat(admin.get(path).at("/proxy")).isEqualTo(before);
    }

    @Test
    void endpointCannotBeRemoved() {
        long id = createProduct(admin, "Endpoint Kept API");
        ApiClient.Response rejected = admin.patch("/admin/api/services/" + id + "/proxy.json",
                Map.of("proxy", Map.of("endpoint", "")));

        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.at("/errors/endpoint/0").asText()).isEqualTo("can't be blank");
    }

    @Test
    void unknownProductIsNotFound() {
        ApiClient.Response missing = admin.get("/admin/api/services/999999/proxy.json");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().toString()).isEqualTo("{\"status\":\"Not found\"}");
        assertThat(admin.patch("/admin/api/services/999999/proxy.json", Map.of("proxy", Map.of())).status())
                .isEqualTo(404);
    }

    @Test
    void oidcConfigurationReadsAndUpdatesTheFourFlows() {
        long id = createProduct(admin, "OIDC API");
        String path = "/admin/api/services/" + id + "/proxy/oidc_configuration.json";

        ApiClient.Response initial = admin.get(path);
        assertThat(initial.status()).isEqualTo(200);
        assertThat(keys(initial.at("/oidc_configuration"))).containsExactly("id", "standard_flow_enabled",
                "implicit_flow_enabled", "service_accounts_enabled", "direct_access_grants_enabled");
        assertThat(initial.at("/oidc_configuration/standard_flow_enabled").asBoolean()).isTrue();
        assertThat(initial.at("/oidc_configuration/implicit_flow_enabled").asBoolean()).isFalse();

        ApiClient.Response patched = admin.patch(path, Map.of("oidc_configuration", Map.of("id", 12345,
                "standard_flow_enabled", false, "service_accounts_enabled", true)));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.at("/oidc_configuration/id")).isEqualTo(initial.at("/oidc_configuration/id"));

        ApiClient.Response put = admin.put(path, Map.of("direct_access_grants_enabled", "true"));
        assertThat(put.status()).isEqualTo(200);

        JsonNode read = admin.get(path).at("/oidc_configuration");
        assertThat(read.get("standard_flow_enabled").asBoolean()).isFalse();
        assertThat(read.get("implicit_flow_enabled").asBoolean()).isFalse();
        assertThat(read.get("service_accounts_enabled").asBoolean()).isTrue();
        assertThat(read.get("direct_access_grants_enabled").asBoolean()).isTrue();

        ApiClient.Response invalid = admin.patch(path, Map.of("implicit_flow_enabled", "maybe"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.at("/errors/implicit_flow_enabled/0").asText()).isEqualTo("must be true or false");
    }
}
