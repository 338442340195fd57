package io.tollgate.server.api;

import static io.tollgate.server.api.ProxyApiTest.createProduct;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.server.testing.PlatformTest;
import io.tollgate.server.testing.ApiClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyChainApiTest extends PlatformTest {
    private static final String CHAIN = "[{\"name\":\"cors\",\"version\":\"builtin\",\"configuration\":"
            + "{\"allow_origin\":\"*\"},\"enabled\":true},{\"name\":\"apicast\",\"version\":\"builtin\","
            + "\"configuration\":{},\"enabled\":true}]";

    private static String path(long id) {
        return "/admin/api/services/" + id + "/proxy/policies.json";
    }

    @Test
    void newProductHasTheDefaultChain() {
        long id = createProduct(admin, "Default Chain API");
        ApiClient.Response chain = admin.get(path(id));

        assertThat(chain.status()).isEqualTo(200);
        assertThat(chain.json().toString()).isEqualTo("{\"policies_config\":[{\"name\":\"apicast\","
                + "\"version\":\"builtin\",\"configuration\":{},\"enabled\":true}]}");
    }

    @Test
    void putReplacesTheChainFromJsonWithDefaultsForOmittedFields() {
        long id = createProduct(admin, "Json Chain API");
        ApiClient.Response put = admin.put(path(id), Map.of("policies_config", List.of(
                Map.of("name", "headers", "version", "builtin"),
                Map.of("name", "my_policy", "version", "1.2.0", "configuration", Map.of("a", 1), "enabled", false),
                Map.of("name", "apicast", "version", "builtin", "configuration", Map.of()))));

        assertThat(put.status()).isEqualTo(200);
        String expected = "{\"policies_config\":[{\"name\":\"headers\",\"version\":\"builtin\",\"configuration\":{},"
                + "\"enabled\":true},{\"name\":\"my_policy\",\"version\":\"1.2.0\",\"configuration\":{\"a\":1},"
                + "\"enabled\":false},{\"name\":\"apicast\",\"version\":\"builtin\",\"configuration\":{},"
                + "\"enabled\":true}]}";
        assertThat(put.json().toString()).isEqualTo(expected);
        assertThat(admin.get(path(id)).json().toString()).isEqualTo(expected);
        assertThat(admin.get("/admin/api/services/" + id + "/proxy.json").at("/proxy/policies_config").toString())
                .isEqualTo(put.at("/policies_config").toString());
    }

    @Test
    void putAcceptsTheChainAsJsonString() {
        long id = createProduct(admin, "String Chain API");
        ApiClient.Response put = admin.put(path(id), Map.of("policies_config", CHAIN));

        assertThat(put.status()).isEqualTo(200);
        assertThat(admin.get(path(id)).at("/policies_config").toString()).isEqualTo(CHAIN);
    }

    @Test
    void putAcceptsTheChainFormEncoded() {
        long id = createProduct(admin, "Form Chain API");
        ApiClient.Response put = admin.form("PUT", path(id),
                "policies_config=" + URLEncoder.encode(CHAIN, StandardCharsets.UTF_8));

        assertThat(put.status()).isEqualTo(200);
        assertThat(admin.get(path(id)).at("/policies_config").toString()).isEqualTo(CHAIN);
    }

    @Test
    void putAcceptsABareArray() {
        long id = createProduct(admin, "Bare Chain API");
        ApiClient.Response put = admin.put(path(id), CHAIN);

        assertThat(put.status()).isEqualTo(200);
        assertThat(admin.get(path(id)).at("/policies_config").toString()).isEqualTo(CHAIN);
    }

    @Test
    void putWithAnEmptyChainClearsIt() {
        long id = createProduct(admin, "Empty Chain API");
        ApiClient.Response put = admin.put(path(id), Map.of("policies_config", List.of()));

        assertThat(put.status()).isEqualTo(200);
        assertThat(admin.get(path(id)).json().toString()).isEqualTo("{\"policies_config\":[]}");
    }

    @Test
    void invalidChainIsRejectedWithEntryNumbersAndNothingChanges() {
        long id = createProduct(admin, "Invalid Chain API");
        String before = admin.get(path(id)).json().toString();
        ApiClient.Response rejected = admin.put(path(id), Map.of("policies_config", List.of(
                Map.of("name", "apicast", "version", "builtin"),
                Map.of("name", "", "version", "builtin"),
                Map.of("name", "no_such_policy", "version", "builtin"),
                Map.of("name", "custom", "version", "1.0", "configuration", List.of(1)),
                Map.of("name", "custom", "enabled", "sometimes"),
                "apicast")));

        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.at("/errors/policies_config").toString()).isEqualTo("[\"entry 2: name can't be blank\","
                + "\"entry 3: name no_such_policy is not a builtin policy (version builtin)\","
                + "\"entry 4: configuration must be an object\",\"entry 5: version can't be blank\","
                + "\"entry 5: enabled must be true or false\","
                + "\"entry 6: must be an object with name and version\"]");
        assertThat(admin.get(path(id)).json().toString()).isEqualTo(before);
    }

    @Test
    void chainThatIsNotAnArrayOrIsMissingIsRejected() {
        long id = createProduct(admin, "Shapeless Chain API");

        ApiClient.Response notJson = admin.put(path(id), Map.of("policies_config", "[{"));
        assertThat(notJson.status()).isEqualTo(422);
        assertThat(notJson.at("/errors/policies_config/0").asText()).startsWith("is not valid JSON");

        ApiClient.Response object = admin.put(path(id), Map.of("policies_config", Map.of("name", "apicast")));
        assertThat(object.status()).isEqualTo(422);
        assertThat(object.at("/errors/policies_config/0").asText()).isEqualTo("must be an array of policies");

        ApiClient.Response missing = admin.put(path(id), Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.at("/error").asText()).isEqualTo("Required parameter missing: policies_config");
    }

    @Test
    void policyRegistryTokenManagesTheChainButNotTheRestOfTheApi() {
        long id = createProduct(admin, "Registry Token API");
        ApiClient.Response issued = admin.post("/admin/api/personal/access_tokens.json", Map.of("token",
                Map.of("name", "policies only", "permission", "rw", "scopes", List.of("policy_registry"))));
        assertThat(issued.status()).isEqualTo(201);
        ApiClient registry = platform.as(issued.at("/access_token/value").asText());

        assertThat(registry.get(path(id)).status()).isEqualTo(200);
        ApiClient.Response put = registry.put(path(id), Map.of("policies_config", CHAIN));
        assertThat(put.status()).isEqualTo(200);
        assertThat(admin.get(path(id)).at("/policies_config").toString()).isEqualTo(CHAIN);

        ApiClient.Response services = registry.get("/admin/api/services.json");
        assertThat(services.status()).isEqualTo(403);
        assertThat(services.json().toString())
                .isEqualTo("{\"error\":\"Your access token does not have the correct permissions\"}");
        assertThat(registry.get("/admin/api/services/" + id + "/proxy.json").status()).isEqualTo(403);
    }

    @Test
    void unknownProductIsNotFound() {
        assertThat(admin.get(path(999999)).status()).isEqualTo(404);
        assertThat(admin.put(path(999999), Map.of("policies_config", CHAIN)).status()).isEqualTo(404);
    }
}
