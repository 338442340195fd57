package io.tollgate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.server.gateway.GatewayPlatform.Gateway;
import io.tollgate.server.gateway.GatewayPlatform.Key;
import io.tollgate.server.testing.ApiClient;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Renewal (SPEC G3): with an admin user's password or a connected app that has the three scopes,
 * also after the certificate expired; wrong credentials, missing scopes and another tenant's app
 * are refused with their own codes. Connected apps show their secret once.
 */
class GatewayRenewalApiTest extends GatewayPlatformTest {

    @Test
    void renewsWithAnAdminsPasswordAfterTheCertificateExpired() {
        Gateway gateway = platform.registerGateway("renew-by-user", null);
        platform.clock.advance(Duration.ofDays(31));

        Key key = Key.generate();
        ApiClient.Response renewed = renew("renew-by-user", key, Map.of("username", "admin",
                "password", "admin-password"));

        assertThat(renewed.status()).as(renewed.text()).isEqualTo(200);
        X509Certificate certificate = GatewayPlatform.parseCertificate(renewed.at("/registration/certificate").asText());
        assertThat(certificate.getPublicKey()).isEqualTo(key.pair().getPublic());
        assertThat(certificate.getNotAfter()).isAfter(gateway.certificate().getNotAfter());
        assertThat(renewed.at("/registration/gateway_id").asLong()).isEqualTo(gateway.id());
        assertThat(Instant.parse(platform.admin.get("/admin/api/gateways/" + gateway.id() + ".json")
                .at("/gateway/certificate_expires_at").asText())).isEqualTo(certificate.getNotAfter().toInstant());
    }

    @Test
    void registrationsAndRenewalsLeaveAuditRowsNamingWhoAndTheCertificate() {
        Gateway gateway = platform.registerGateway("audited-gw", null);
        ApiClient.Response app = platform.admin.post("/admin/api/connected_apps.json", Map.of("name", "audit-ci",
                "scopes", List.of("read_servers", "manage_servers", "view_organization")));
        String clientId = app.at("/connected_app/client_id").asText();
        String secret = app.at("/connected_app/client_secret").asText();
        assertThat(renew("audited-gw", Key.generate(), Map.of("username", "admin", "password", "admin-password"))
                .status()).isEqualTo(200);
        assertThat(renew("audited-gw", Key.generate(), Map.of("client_id", clientId, "client_secret", secret))
                .status()).isEqualTo(200);

        List<io.tollgate.model.Audit> rows = platform.database.read(h -> h.attach(io.tollgate.store.AuditDao.class)
                .list(platform.organization(), 200, 0)).stream()
                .filter(a -> a.entityType().startsWith("gateway/registrations") && a.entityId() == gateway.id())
                .toList();
        assertThat(rows).hasSize(3);
        io.tollgate.model.Audit byApp = rows.get(0);
        io.tollgate.model.Audit byUser = rows.get(1);
        io.tollgate.model.Audit registered = rows.get(2);
        assertThat(registered.action()).isEqualTo("create");
        assertThat(registered.userId()).as("the admin who minted the token").isNotNull();
        assertThat(registered.changes()).contains("\"name\":\"audited-gw\"").contains("certificate_serial")
                .contains("certificate_expires_at");
        assertThat(byUser.entityType()).isEqualTo("gateway/registrations/renew");
        assertThat(byUser.userId()).isEqualTo(registered.userId());
        assertThat(byApp.userId()).isNull();
        assertThat(byApp.changes()).contains("\"connected_app\":\"" + clientId + "\"").doesNotContain(secret);
        rows.forEach(r -> assertThat(r.changes()).doesNotContain("PRIVATE KEY").doesNotContain("CERTIFICATE"));
    }

    @Test
    void renewsWithAConnectedAppThatHasTheThreeScopes() {
        Gateway gateway = platform.registerGateway("renew-by-app", null);
        ApiClient.Response app = platform.admin.post("/admin/api/connected_apps.json", Map.of("name", "ci",
                "scopes", List.of("Read Servers", "Manage Servers", "View Organization")));
        assertThat(app.status()).as(app.text()).isEqualTo(201);
        String clientId = app.at("/connected_app/client_id").asText();
        String secret = app.at("/connected_app/client_secret").asText();
        assertThat(app.at("/connected_app/scopes").toString())
                .isEqualTo("[\"read_servers\",\"manage_servers\",\"view_organization\"]");
        platform.clock.advance(Duration.ofHours(1));

        ApiClient.Response renewed = renew("renew-by-app", Key.generate(), Map.of("client_id", clientId,
                "client_secret", secret));

        assertThat(renewed.status()).as(renewed.text()).isEqualTo(200);
        assertThat(GatewayPlatform.parseCertificate(renewed.at("/registration/certificate").asText()).getNotAfter())
                .isAfter(gateway.certificate().getNotAfter());
        ApiClient.Response listed = platform.admin.get("/admin/api/connected_apps.json");
        assertThat(listed.at("/connected_apps").findValuesAsText("client_id")).contains(clientId);
        assertThat(listed.text()).doesNotContain(secret).doesNotContain("client_secret");
    }

    @Test
    void refusesWrongCredentialsMissingScopesAndAnotherTenantsApp() {
        platform.registerGateway("guarded", null);
        ApiClient.Response wrongPassword = renew("guarded", Key.generate(), Map.of("username", "admin",
                "password", "not-the-password"));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.at("/code").asText()).isEqualTo("invalid_credentials");
        assertThat(wrongPassword.at("/error").asText()).isEqualTo("Invalid credentials: username or password is wrong");

        ApiClient.Response partial = platform.admin.post("/admin/api/connected_apps.json", Map.of("name", "half",
                "scopes", "read_servers"));
        ApiClient.Response missing = renew("guarded", Key.generate(), Map.of("client_id",
                partial.at("/connected_app/client_id").asText(), "client_secret",
                partial.at("/connected_app/client_secret").asText()));
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.at("/error").asText())
                .isEqualTo("The connected app lacks the scopes Manage Servers, View Organization");

        ApiClient other = platform.otherTenant("Foreign");
        ApiClient.Response foreignApp = other.post("/admin/api/connected_apps.json", Map.of("name", "theirs",
                "scopes", "read_servers,manage_servers,view_organization"));
        ApiClient.Response crossTenant = renew("guarded", Key.generate(), Map.of("client_id",
                foreignApp.at("/connected_app/client_id").asText(), "client_secret",
                foreignApp.at("/connected_app/client_secret").asText()));
        assertThat(crossTenant.status()).isEqualTo(401);

        ApiClient.Response wrongSecret = renew("guarded", Key.generate(), Map.of("client_id",
                partial.at("/connected_app/client_id").asText(), "client_secret", "nope"));
        assertThat(wrongSecret.at("/error").asText()).isEqualTo("Invalid credentials: client id or client secret is wrong");
    }

    @Test
    void refusesToRenewADeletedGateway() {
        Gateway gateway = platform.registerGateway("deleted-before-renewal", null);
        platform.admin.delete("/admin/api/gateways/" + gateway.id() + ".json");

        ApiClient.Response refused = renew("deleted-before-renewal", Key.generate(), Map.of("username", "admin",
                "password", "admin-password"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.at("/error").asText()).isEqualTo(
                "no registered gateway named 'deleted-before-renewal' was found in this organization and environment");
    }

    @Test
    void validatesConnectedAppsAndDeletesThem() {
        ApiClient.Response noScopes = platform.admin.post("/admin/api/connected_apps.json", Map.of("name", "x"));
        assertThat(noScopes.status()).isEqualTo(422);
        assertThat(noScopes.at("/errors/scopes/0").asText()).startsWith("can't be blank");
        ApiClient.Response badScope = platform.admin.post("/admin/api/connected_apps.json", Map.of("name", "x",
                "scopes", "root"));
        assertThat(badScope.at("/errors/scopes/0").asText()).startsWith("'root' is not a scope");

        long id = platform.admin.post("/admin/api/connected_apps.json", Map.of("name", "temp", "scopes",
                "read_servers")).at("/connected_app/id").asLong();
        ApiClient other = platform.otherTenant("Deleter");
        assertThat(other.delete("/admin/api/connected_apps/" + id + ".json").status()).isEqualTo(404);
        assertThat(platform.admin.delete("/admin/api/connected_apps/" + id + ".json").status()).isEqualTo(200);
        assertThat(platform.admin.get("/admin/api/connected_apps/" + id + ".json").status()).isEqualTo(404);
    }

    private static ApiClient.Response renew(String name, Key key, Map<String, String> credentials) {
        Map<String, Object> body = new HashMap<>(credentials);
        body.put("organization", String.valueOf(platform.organization()));
        body.put("environment", "production");
        body.put("name", name);
        body.put("csr", key.csr(name));
        return platform.admin.withToken(null).post("/admin/api/gateway/registrations/renew.json", body);
    }
}
