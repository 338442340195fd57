package io.tollgate.server.api;

import static io.tollgate.server.api.ProxyApiTest.createProduct;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.TestPlatform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Read-only tokens and tenant isolation across the proxy, policy, feature, provider and token endpoints. */
class TokenPermissionsApiTest {
    private static final String WRONG_PERMISSIONS =
            "{\"error\":\"Your access token does not have the correct permissions\"}";

    private static TestPlatform platform;
    private static ApiClient admin;
    private static long productId;
    private static long featureId;
    private static long tokenId;
    private static long adminUserId;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start();
        admin = platform.admin();
        productId = createProduct(admin, "Guarded API");
        featureId = admin.post(features() + ".json", Map.of("feature", Map.of("name", "Guarded")))
                .at("/feature/id").asLong();
        tokenId = AccessTokensApiTest.issue(admin, "Guarded token", "rw", List.of("account_management"))
                .at("/access_token/id").asLong();
        adminUserId = admin.get("/admin/api/provider.json").at("/account/users/0/user/id").asLong();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static String product() {
        return "/admin/api/services/" + productId;
    }

    private static String features() {
        return product() + "/features";
    }

    private static final Map<String, Object> TOKEN = Map.of("token", Map.of("name", "n", "permission", "ro",
            "scopes", List.of("stats")));

    @Test
    void readOnlyTokenReadsEverythingAndIsRefusedEveryWrite() {
        ApiClient ro = platform.as(AccessTokensApiTest.issue(admin, "Read only", "ro",
                List.of("account_management")).at("/access_token/value").asText());
        for (String path : List.of("/admin/api/services.json", product() + "/proxy.json",
                product() + "/proxy/oidc_configuration.json", product() + "/proxy/policies.json",
                features() + ".json", features() + "/" + featureId + ".json", "/admin/api/provider.json",
                "/admin/api/personal/access_tokens.json")) {
            assertThat(ro.get(path).status()).as("GET %s", path).isEqualTo(200);
        }
        List<ApiClient.Response> writes = List.of(
                ro.post("/admin/api/services.json", Map.of("service", Map.of("name", "Nope"))),
                ro.patch(product() + "/proxy.json", Map.of("proxy", Map.of("service_id", productId))),
                ro.put(product() + "/proxy.json", Map.of("proxy", Map.of())),
                ro.patch(product() + "/proxy/oidc_configuration.json", Map.of("standard_flow_enabled", false)),
                ro.put(product() + "/proxy/oidc_configuration.json", Map.of("standard_flow_enabled", false)),
                ro.put(product() + "/proxy/policies.json", Map.of("policies_config", List.of())),
                ro.post(features() + ".json", Map.of("feature", Map.of("name", "Nope"))),
                ro.put(features() + "/" + featureId + ".json", Map.of("feature", Map.of("name", "Nope"))),
                ro.delete(features() + "/" + featureId + ".json"),
                ro.put("/admin/api/provider.json", Map.of("org_name", "Nope")),
                ro.post("/admin/api/personal/access_tokens.json", TOKEN),
                ro.delete("/admin/api/personal/access_tokens/" + tokenId + ".json"),
                ro.post("/admin/api/users/" + adminUserId + "/access_tokens.json", TOKEN));
        for (ApiClient.Response write : writes) {
            assertThat(write.status()).isEqualTo(403);
            assertThat(write.json().toString()).isEqualTo(WRONG_PERMISSIONS);
        }
        assertThat(admin.get(product() + "/proxy.json").at("/proxy/lock_version").asLong()).isEqualTo(1);
        assertThat(admin.get(features() + "/" + featureId + ".json").at("/feature/name").asText()).isEqualTo("Guarded");
        assertThat(admin.get("/admin/api/personal/access_tokens/" + tokenId + ".json").status()).isEqualTo(200);
    }

    @Test
    void anotherTenantCannotSeeOrTouchThisTenantsObjects() {
        ApiClient.Response signup = platform.master().post("/master/api/providers.json", Map.of("org_name", "Other",
                "username", "other", "email", "o@example.com", "password", "secret-pass"));
        assertThat(signup.status()).isEqualTo(201);
        ApiClient other = platform.as(signup.at("/signup/access_token/value").asText());
        String policies = product() + "/proxy/policies.json";

        List<ApiClient.Response> attempts = List.of(
                other.get(product() + "/proxy.json"),
                other.patch(product() + "/proxy.json", Map.of("proxy", Map.of("secret_token", "stolen"))),
                other.get(product() + "/proxy/oidc_configuration.json"),
                other.patch(product() + "/proxy/oidc_configuration.json", Map.of("implicit_flow_enabled", true)),
                other.get(policies),
                other.put(policies, Map.of("policies_config", List.of())),
                other.get(features() + ".json"),
                other.post(features() + ".json", Map.of("feature", Map.of("name", "Intruder"))),
                other.get(features() + "/" + featureId + ".json"),
                other.put(features() + "/" + featureId + ".json", Map.of("feature", Map.of("name", "Intruder"))),
                other.delete(features() + "/" + featureId + ".json"),
                other.get("/admin/api/personal/access_tokens/" + tokenId + ".json"),
                other.delete("/admin/api/personal/access_tokens/" + tokenId + ".json"),
                other.post("/admin/api/users/" + adminUserId + "/access_tokens.json", TOKEN));
        for (ApiClient.Response attempt : attempts) {
            assertThat(attempt.status()).isEqualTo(404);
            assertThat(attempt.json().toString()).isEqualTo("{\"status\":\"Not found\"}");
        }
        assertThat(other.get("/admin/api/personal/access_tokens.json").at("/access_tokens").size()).isEqualTo(1);
        assertThat(other.get("/admin/api/provider.json").at("/account/org_name").asText()).isEqualTo("Other");
        assertThat(admin.get(policies).at("/policies_config").size()).isEqualTo(1);
        assertThat(admin.get(features() + "/" + featureId + ".json").status()).isEqualTo(200);
        assertThat(admin.get("/admin/api/personal/access_tokens/" + tokenId + ".json").status()).isEqualTo(200);
    }
}
