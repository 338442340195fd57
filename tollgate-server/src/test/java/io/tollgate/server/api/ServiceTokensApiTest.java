package io.tollgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.common.Secrets;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.PlatformTest;
import io.tollgate.server.testing.TestPlatform;
import io.tollgate.store.DatabaseConfig;
import io.tollgate.store.ProductDao;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Service tokens: one per new product, more on demand, never none, and the oldest in the gateway configuration. */
class ServiceTokensApiTest extends PlatformTest {

    private static String tokens(long productId) {
        return "/admin/api/services/" + productId + "/service_tokens";
    }

    @Test
    void aNewProductHasOneRandomServiceToken() {
        long product = fixtures.product();

        ApiClient.Response list = admin.get(tokens(product) + ".json");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.at("/service_tokens")).hasSize(1);
        JsonNode token = list.at("/service_tokens/0/service_token");
        assertThat(ProxyApiTest.keys(token)).containsExactly("id", "value", "created_at");
        assertThat(token.get("value").asText()).matches("[0-9a-f]{64}");
        assertThat(token.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(admin.get(tokens(fixtures.product()) + ".json").at("/service_tokens/0/service_token/value")
                .asText()).isNotEqualTo(token.get("value").asText());
    }

    @Test
    void createsReadsAndDeletesTokensButNeverTheLastOne() {
        long product = fixtures.product();
        long first = admin.get(tokens(product) + ".json").at("/service_tokens/0/service_token/id").asLong();

        ApiClient.Response created = admin.post(tokens(product) + ".json", Map.of());

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long second = created.at("/service_token/id").asLong();
        assertThat(created.headers().firstValue("Location")).contains(admin.baseUrl() + tokens(product) + "/" + second);
        assertThat(admin.get(tokens(product) + "/" + second + ".json").json()).isEqualTo(created.json());
        assertThat(ids(admin.get(tokens(product) + ".json"))).containsExactly(first, second);

        ApiClient.Response deleted = admin.delete(tokens(product) + "/" + first + ".json");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.text()).isEmpty();
        assertThat(admin.delete(tokens(product) + "/" + first + ".json").status()).isEqualTo(404);

        ApiClient.Response last = admin.delete(tokens(product) + "/" + second + ".json");
        assertThat(last.status()).isEqualTo(422);
        assertThat(last.json().toString()).isEqualTo("{\"errors\":{\"base\":[\"cannot delete the last service token"
                + " of a product; create another one first\"]}}");
        assertThat(ids(admin.get(tokens(product) + ".json"))).containsExactly(second);
    }

    @Test
    void theGatewayConfigurationCarriesTheOldestToken() {
        long product = fixtures.product();
        String oldest = admin.get(tokens(product) + ".json").at("/service_tokens/0/service_token/value").asText();
        String newer = admin.post(tokens(product) + ".json", Map.of()).at("/service_token/value").asText();
        String productPath = "/admin/api/services/" + product;

        assertThat(deployedToken(productPath)).isEqualTo(oldest);

        long oldestId = admin.get(tokens(product) + ".json").at("/service_tokens/0/service_token/id").asLong();
        assertThat(admin.delete(tokens(product) + "/" + oldestId + ".json").status()).isEqualTo(200);
        assertThat(deployedToken(productPath)).isEqualTo(newer);
    }

    @Test
    void anotherTenantAndReadOnlyTokensCannotManageTokens() {
        long product = fixtures.product();
        long token = admin.get(tokens(product) + ".json").at("/service_tokens/0/service_token/id").asLong();
        ApiClient other = admin.withToken(OtherTenant.token(platform));
        ApiClient readOnly = platform.as(AccessTokensApiTest.issue(admin, "ro", "ro", List.of("account_management"))
                .at("/access_token/value").asText());

        assertThat(other.get(tokens(product) + ".json").status()).isEqualTo(404);
        assertThat(other.post(tokens(product) + ".json", Map.of()).status()).isEqualTo(404);
        assertThat(other.delete(tokens(product) + "/" + token + ".json").status()).isEqualTo(404);
        assertThat(readOnly.get(tokens(product) + ".json").status()).isEqualTo(200);
        assertThat(readOnly.post(tokens(product) + ".json", Map.of()).status()).isEqualTo(403);
        assertThat(ids(admin.get(tokens(product) + ".json"))).containsExactly(token);
    }

    @Test
    void productsWithoutATokenGetOneWhenTheServerStarts() {
        DatabaseConfig config = new DatabaseConfig("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa",
                "", 4);
        long tenant;
        long product;
        try (TestPlatform before = TestPlatform.start(config)) {
            tenant = before.admin().get("/admin/api/provider.json").at("/account/id").asLong();
            // As a product created before service tokens existed: straight into the table.
            product = before.database().write(h -> h.attach(ProductDao.class).insert(tenant, "Legacy", "legacy",
                    null, "incomplete", "1", "hosted", null, null, Instant.now()));
            assertThat(before.admin().get(tokens(product) + ".json").at("/service_tokens")).isEmpty();
        }
        try (TestPlatform after = TestPlatform.start(config)) {
            ApiClient.Response list = after.admin().get(tokens(product) + ".json");
            assertThat(list.at("/service_tokens")).hasSize(1);
            assertThat(after.meterConfig().current().service(product).orElseThrow().service().serviceTokenDigests())
                    .containsExactly(Secrets.sha256(
                            list.at("/service_tokens/0/service_token/value").asText()));
        }
    }

    private static String deployedToken(String productPath) {
        ApiClient.Response deployed = admin.post(productPath + "/proxy/deploy.json", Map.of());
        assertThat(deployed.status()).as(deployed.text()).isEqualTo(201);
        return admin.get(productPath + "/proxy/configs/sandbox/latest.json")
                .at("/proxy_config/content/backend_authentication_value").asText();
    }

    private static List<Long> ids(ApiClient.Response list) {
        assertThat(list.status()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        list.at("/service_tokens").forEach(t -> ids.add(t.at("/service_token/id").asLong()));
        return ids;
    }
}
