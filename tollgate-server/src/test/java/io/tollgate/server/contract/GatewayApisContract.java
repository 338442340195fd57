package io.tollgate.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.GatewayFixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * API instances on each system database: the one-transaction create (product, backend, usage, chain,
 * placement, deploy and promote), the port's unique index, PEM texts in the content, a policy change
 * and the delete that cascades the placement and its proxy configurations away.
 */
abstract class GatewayApisContract extends DatabaseContract {
    @Test
    void createsChangesAndDeletesAnApiOnAGateway() {
        GatewayFixtures.register(admin, "edge", "production");
        GatewayFixtures.Pems pems = GatewayFixtures.selfSigned("api.example.com");
        ApiClient.Response created = admin.post("/admin/api/gateway_apis.json", Map.of("gateway", "edge",
                "name", "my-api", "upstream", "https://upstream.example.com/", "scheme", "https",
                "certificate", pems.certificate(), "private_key", pems.key()));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long service = created.at("/gateway_api/service_id").asLong();
        String production = "/admin/api/services/" + service + "/proxy/configs/production/latest.json";
        JsonNode listener = admin.get(production).at("/proxy_config/content/proxy/listener");
        assertThat(listener.get("port").asInt()).isEqualTo(8081);
        assertThat(listener.get("key_pem").asText()).isEqualTo(pems.key());

        ApiClient.Response taken = admin.post("/admin/api/gateway_apis.json", Map.of("gateway", "edge",
                "name", "second", "upstream", "https://upstream.example.com/"));
        assertThat(taken.status()).isEqualTo(422);
        assertThat(taken.at("/errors/port/0").asText()).startsWith("8081 is already used");
        assertThat(admin.get("/admin/api/services.json").at("/services").findValuesAsText("system_name"))
                .containsExactly("my-api");

        ApiClient.Response policy = admin.post("/admin/api/gateway_apis/my-api/policies.json", Map.of("policy",
                "http-basic-authentication", "configuration", Map.of("username", "user", "password", "pw")));
        assertThat(policy.status()).as(policy.text()).isEqualTo(201);
        assertThat(admin.get(production).at("/proxy_config/content/proxy/policy_chain").findValuesAsText("name"))
                .containsExactly("basic_auth", "routing");
        assertThat(admin.get(production).at("/proxy_config/version").asInt()).isEqualTo(2);

        assertThat(admin.delete("/admin/api/gateway_apis/my-api.json").status()).isEqualTo(200);
        assertThat(admin.get("/admin/api/gateway_apis.json").at("/gateway_apis")).isEmpty();
        assertThat(admin.get("/admin/api/account/proxy_configs/production.json").at("/proxy_configs")).isEmpty();
        assertThat(admin.get("/admin/api/backend_apis.json").at("/backend_apis")).isEmpty();
    }
}
