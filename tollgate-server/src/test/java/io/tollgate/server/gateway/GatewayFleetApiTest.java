package io.tollgate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.server.gateway.CertificateAuthority.CertificateRequest;
import io.tollgate.server.gateway.GatewayPlatform.Gateway;
import io.tollgate.server.gateway.GatewayPlatform.Key;
import io.tollgate.server.testing.ApiClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The registry's status (SPEC G7) and the gateway API over mTLS: heartbeats make a gateway
 * Connected until the window passes; certificates of another CA never complete the handshake; a
 * deleted gateway's certificate is refused; configurations are the gateway's own tenant's.
 */
class GatewayFleetApiTest extends GatewayPlatformTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void showsConnectedAfterAHeartbeatAndDisconnectedAfterTheWindow() throws Exception {
        Gateway gateway = platform.registerGateway("beating", null);
        assertThat(entry(gateway.id()).path("status").asText()).isEqualTo("Disconnected");
        assertThat(entry(gateway.id()).path("last_seen_at").isNull()).isTrue();

        HttpResponse<String> beat = platform.mtls("POST", "/gateway/api/heartbeat", "{\"version\":\"1.4.2\"}", gateway);

        assertThat(beat.statusCode()).as(beat.body()).isEqualTo(200);
        assertThat(JSON.readTree(beat.body()).at("/gateway/status").asText()).isEqualTo("Connected");
        JsonNode listed = entry(gateway.id());
        assertThat(listed.path("status").asText()).isEqualTo("Connected");
        assertThat(listed.path("version").asText()).isEqualTo("1.4.2");
        assertThat(Instant.parse(listed.path("certificate_expires_at").asText()))
                .isEqualTo(gateway.certificate().getNotAfter().toInstant());

        platform.clock.advance(Duration.ofSeconds(60));
        assertThat(entry(gateway.id()).path("status").asText()).isEqualTo("Connected");
        platform.clock.advance(Duration.ofSeconds(1));
        assertThat(entry(gateway.id()).path("status").asText()).isEqualTo("Disconnected");
    }

    @Test
    void refusesACertificateOfAnotherCaAtTheHandshake() {
        Gateway gateway = platform.registerGateway("impostor-target", null);
        CertificateAuthority foreign = CertificateAuthority.create(Clock.systemUTC());
        Key key = Key.generate();
        X509Certificate forged = foreign.issueClient(CertificateRequest.parse(key.csr("x")), gateway.id(),
                "impostor-target", String.valueOf(platform.organization()), "production", Duration.ofDays(1));

        assertThatThrownBy(() -> platform.mtls("POST", "/gateway/api/heartbeat", "{}", forged,
                key.pair().getPrivate(), gateway.ca())).isInstanceOf(IOException.class);
        assertThat(entry(gateway.id()).path("last_seen_at").isNull()).isTrue();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "issued {0} days from now")
    @org.junit.jupiter.params.provider.ValueSource(ints = {-400, 2})
    void refusesAnExpiredOrNotYetValidCertificateAtTheHandshake(int days) {
        // Issued by the installation's CA with the control plane's clock moved: expired (365-day
        // certificates issued 400 days ago) or not valid yet (issued two days ahead).
        platform.clock.advance(Duration.ofDays(days));
        Gateway gateway = platform.registerGateway("out-of-time" + (days < 0 ? "-expired" : "-early"), null);
        platform.clock.set(Instant.now());

        assertThatThrownBy(() -> platform.mtls("POST", "/gateway/api/heartbeat", "{}", gateway))
                .isInstanceOf(IOException.class);
        assertThat(entry(gateway.id()).path("last_seen_at").isNull()).isTrue();
    }

    @Test
    void refusesTheCertificateOfADeletedGateway() throws Exception {
        Gateway gateway = platform.registerGateway("soon-gone", null);
        assertThat(platform.mtls("POST", "/gateway/api/heartbeat", "{}", gateway).statusCode()).isEqualTo(200);
        assertThat(platform.admin.delete("/admin/api/gateways/" + gateway.id() + ".json").status()).isEqualTo(200);

        HttpResponse<String> refused = platform.mtls("POST", "/gateway/api/heartbeat", "{}", gateway);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).path("code").asText()).isEqualTo("certificate_refused");
        assertThat(platform.admin.get("/admin/api/gateways.json").at("/gateways").findValuesAsText("name"))
                .doesNotContain("soon-gone");
        assertThat(platform.mtls("GET", "/gateway/api/proxy/configs/production.json", null, gateway).statusCode())
                .isEqualTo(403);
    }

    @Test
    void servesOnlyTheGatewaysOwnTenantsConfigurationsOfItsEnvironment() throws Exception {
        ApiClient other = platform.otherTenant("Neighbour");
        String othersToken = platform.mintToken(other, null);
        long otherOrg = other.get("/admin/api/provider.json").at("/account/id").asLong();
        Key othersKey = Key.generate();
        ApiClient.Response othersRegistration = platform.register(otherOrg, othersToken, "neighbour-gw", othersKey);
        Gateway othersGateway = new Gateway(othersRegistration.at("/registration/gateway_id").asLong(), othersKey,
                GatewayPlatform.parseCertificate(othersRegistration.at("/registration/certificate").asText()),
                GatewayPlatform.parseCertificate(othersRegistration.at("/registration/ca_bundle").asText()));
        long product = platform.admin.post("/admin/api/services.json", Map.of("name", "Fleet pets",
                "system_name", "fleet_pets")).at("/service/id").asLong();
        assertThat(platform.admin.post("/admin/api/services/" + product + "/proxy/deploy.json", Map.of()).status())
                .isEqualTo(201);
        assertThat(platform.admin.post("/admin/api/services/" + product + "/proxy/configs/sandbox/1/promote.json",
                Map.of("to", "production")).status()).isEqualTo(201);
        Gateway mine = platform.registerGateway("config-reader", null);

        HttpResponse<String> mineConfigs = platform.mtls("GET", "/gateway/api/proxy/configs/production.json", null,
                mine);
        HttpResponse<String> othersConfigs = platform.mtls("GET", "/gateway/api/proxy/configs/production.json", null,
                othersGateway);

        assertThat(mineConfigs.statusCode()).as(mineConfigs.body()).isEqualTo(200);
        JsonNode expected = platform.admin.get("/admin/api/account/proxy_configs/production.json").json();
        assertThat(JSON.readTree(mineConfigs.body())).isEqualTo(expected);
        assertThat(expected.at("/proxy_configs")).hasSize(1);
        assertThat(JSON.readTree(othersConfigs.body()).path("proxy_configs")).isEmpty();
        HttpResponse<String> staging = platform.mtls("GET", "/gateway/api/proxy/configs/staging.json", null, mine);
        assertThat(staging.statusCode()).isEqualTo(403);
    }

    private static JsonNode entry(long id) {
        ApiClient.Response shown = platform.admin.get("/admin/api/gateways/" + id + ".json");
        assertThat(shown.status()).as(shown.text()).isEqualTo(200);
        JsonNode listed = platform.admin.get("/admin/api/gateways.json").at("/gateways");
        for (JsonNode item : listed) {
            if (item.at("/gateway/id").asLong() == id) {
                assertThat(item.get("gateway")).isEqualTo(shown.at("/gateway"));
            }
        }
        return shown.at("/gateway");
    }
}
