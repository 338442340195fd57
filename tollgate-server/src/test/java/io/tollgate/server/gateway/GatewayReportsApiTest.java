package io.tollgate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.server.gateway.GatewayPlatform.Gateway;
import io.tollgate.server.testing.ApiClient;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * What a connected gateway sends and follows over mTLS besides its configuration: traffic in its
 * heartbeats (usage upload, kept per hour and readable through the admin API), and the change
 * notification long poll; and the listing leaves out API instances placed on other gateways.
 */
class GatewayReportsApiTest extends GatewayPlatformTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static long product(String systemName) {
        return platform.admin.post("/admin/api/services.json", Map.of("name", systemName, "system_name", systemName))
                .at("/service/id").asLong();
    }

    private static String traffic(long service, int ok, int clientErrors) {
        return "{\"version\":\"1.0\",\"traffic\":[{\"service_id\":" + service + ",\"environment\":\"production\","
                + "\"requests\":" + (ok + clientErrors) + ",\"status_2xx\":" + ok + ",\"status_4xx\":" + clientErrors
                + "}]}";
    }

    private static java.util.List<Long> ids(JsonNode listing) {
        java.util.List<Long> ids = new java.util.ArrayList<>();
        listing.path("proxy_configs").forEach(c -> ids.add(c.at("/proxy_config/id").asLong()));
        return ids;
    }

    @Test
    void heartbeatsAddTheirTrafficToTheHourAndTheAdminApiListsIt() throws Exception {
        long product = product("reported_pets");
        Gateway gateway = platform.registerGateway("reporter", null);

        assertThat(platform.mtls("POST", "/gateway/api/heartbeat", traffic(product, 7, 1), gateway).statusCode())
                .isEqualTo(200);
        assertThat(platform.mtls("POST", "/gateway/api/heartbeat", traffic(product, 3, 0), gateway).statusCode())
                .isEqualTo(200);

        ApiClient.Response listed = platform.admin.get("/admin/api/gateways/" + gateway.id() + "/traffic.json");
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        JsonNode rows = listed.at("/traffic");
        assertThat(rows).hasSize(1);
        JsonNode hour = rows.get(0);
        assertThat(hour.path("service_id").asLong()).isEqualTo(product);
        assertThat(hour.path("environment").asText()).isEqualTo("production");
        assertThat(hour.path("requests").asLong()).isEqualTo(11);
        assertThat(hour.path("status_2xx").asLong()).isEqualTo(10);
        assertThat(hour.path("status_4xx").asLong()).isEqualTo(1);
        assertThat(hour.path("status_5xx").asLong()).isZero();
        assertThat(hour.path("hour").asText()).endsWith(":00:00Z");
    }

    @Test
    void aLocalModeGatewayReportsItsInstancesByName() throws Exception {
        Gateway gateway = platform.registerGateway("local-reporter", null);

        assertThat(platform.mtls("POST", "/gateway/api/heartbeat", "{\"traffic\":[{\"api\":\"my-api\","
                + "\"requests\":2,\"status_2xx\":1,\"status_4xx\":1},{\"api\":\"other-api\",\"requests\":1,"
                + "\"status_5xx\":1}]}", gateway).statusCode()).isEqualTo(200);
        HttpResponse<String> anonymous = platform.mtls("POST", "/gateway/api/heartbeat", "{\"traffic\":[{"
                + "\"requests\":1,\"status_2xx\":1}]}", gateway);
        assertThat(anonymous.statusCode()).isEqualTo(422);
        assertThat(anonymous.body()).contains("each entry needs a service_id, or the api name of a local-mode "
                + "instance");

        JsonNode rows = platform.admin.get("/admin/api/gateways/" + gateway.id() + "/traffic.json").at("/traffic");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).path("service_id").asLong()).isZero();
        assertThat(rows.get(0).path("api").asText()).isEqualTo("my-api");
        assertThat(rows.get(0).path("requests").asLong()).isEqualTo(2);
        assertThat(rows.get(1).path("api").asText()).isEqualTo("other-api");
        assertThat(rows.get(1).path("status_5xx").asLong()).isEqualTo(1);
    }

    @Test
    void aReportNamesOnlyItsOwnTenantsProductsAndBadCountsChangeNothing() throws Exception {
        ApiClient other = platform.otherTenant("Reportingneighbour");
        long theirs = other.post("/admin/api/services.json", Map.of("name", "Theirs", "system_name", "theirs"))
                .at("/service/id").asLong();
        long mine = product("own_reported");
        Gateway gateway = platform.registerGateway("honest-reporter", null);

        assertThat(platform.mtls("POST", "/gateway/api/heartbeat", traffic(theirs, 5, 0), gateway).statusCode())
                .isEqualTo(200);
        HttpResponse<String> bad = platform.mtls("POST", "/gateway/api/heartbeat", "{\"traffic\":[{\"service_id\":"
                + mine + ",\"requests\":3,\"status_2xx\":2}]}", gateway);
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("requests must be the sum of the status counts");
        HttpResponse<String> negative = platform.mtls("POST", "/gateway/api/heartbeat", "{\"traffic\":[{\"service_id\":"
                + mine + ",\"requests\":-1,\"status_2xx\":-1}]}", gateway);
        assertThat(negative.statusCode()).isEqualTo(422);

        assertThat(platform.admin.get("/admin/api/gateways/" + gateway.id() + "/traffic.json").at("/traffic"))
                .isEmpty();
        assertThat(other.get("/admin/api/gateways/" + gateway.id() + "/traffic.json").status()).isEqualTo(404);
    }

    @Test
    void theChangeNotificationAnswersWhenTheTenantsConfigurationMoves() throws Exception {
        Gateway gateway = platform.registerGateway("follower", null);
        HttpResponse<String> now = platform.mtls("GET", "/gateway/api/proxy/configs/production/changes.json?wait=0",
                null, gateway);
        assertThat(now.statusCode()).as(now.body()).isEqualTo(200);
        String token = JSON.readTree(now.body()).path("token").asText();
        assertThat(token).isNotEmpty();

        HttpResponse<String> quiet = platform.mtls("GET", "/gateway/api/proxy/configs/production/changes.json?since="
                + token + "&wait=1", null, gateway);
        assertThat(JSON.readTree(quiet.body()).path("changed").asBoolean()).isFalse();

        CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return platform.mtls("GET", "/gateway/api/proxy/configs/production/changes.json?since=" + token
                        + "&wait=30", null, gateway);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        long product = product("moving_pets");
        assertThat(platform.admin.post("/admin/api/services/" + product + "/proxy/deploy.json", Map.of()).status())
                .isEqualTo(201);
        assertThat(platform.admin.post("/admin/api/services/" + product + "/proxy/configs/sandbox/1/promote.json",
                Map.of("to", "production")).status()).isEqualTo(201);

        JsonNode moved = JSON.readTree(waiting.get(20, java.util.concurrent.TimeUnit.SECONDS).body());
        assertThat(moved.path("changed").asBoolean()).isTrue();
        assertThat(moved.path("token").asText()).isNotEqualTo(token);
        HttpResponse<String> badWait = platform.mtls("GET", "/gateway/api/proxy/configs/production/changes.json?wait=x",
                null, gateway);
        assertThat(badWait.statusCode()).isEqualTo(422);
    }

    @Test
    void theListingLeavesOutApiInstancesPlacedOnOtherGateways() throws Exception {
        JsonNode listing = JSON.readTree("""
                {"proxy_configs":[
                  {"proxy_config":{"id":1,"content":{"id":1,"proxy":{}}}},
                  {"proxy_config":{"id":2,"content":{"id":2,"proxy":{"gateway":{"id":7,"name":"edge-7"}}}}},
                  {"proxy_config":{"id":3,"content":{"id":3,"proxy":{"gateway":{"id":8,"name":"edge-8"}}}}},
                  {"proxy_config":{"id":4,"content":{"id":4,"proxy":{"gateway":null}}}}
                ]}""");

        JsonNode seenBy7 = GatewayApiServer.placedOnThisOrNone(listing.deepCopy(), 7);
        JsonNode seenBy9 = GatewayApiServer.placedOnThisOrNone(listing.deepCopy(), 9);

        assertThat(ids(seenBy7)).containsExactly(1L, 2L, 4L);
        assertThat(ids(seenBy9)).containsExactly(1L, 4L);
    }
}
