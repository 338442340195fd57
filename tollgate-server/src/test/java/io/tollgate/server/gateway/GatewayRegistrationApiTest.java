package io.tollgate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.server.gateway.GatewayPlatform.Gateway;
import io.tollgate.server.gateway.GatewayPlatform.Key;
import io.tollgate.server.testing.ApiClient;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Registration with one-time tokens (SPEC G1, G2): certificates chain to the installation's CA, a
 * token works once and never after it expires, names stay taken for ever, tokens are per tenant.
 */
class GatewayRegistrationApiTest extends GatewayPlatformTest {

    @Test
    void registersOnceWithATokenAndIssuesAClientCertificateOfTheCa() throws Exception {
        long org = platform.organization();
        String token = platform.mintToken(platform.admin, "staging");
        Key key = Key.generate();

        ApiClient.Response registered = platform.register(org, token, "edge-1", key);

        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        assertThat(registered.at("/registration/environment").asText()).isEqualTo("staging");
        assertThat(registered.at("/registration/organization").asText()).isEqualTo(String.valueOf(org));
        assertThat(registered.at("/registration/gateway_api_url").asText())
                .isEqualTo("https://127.0.0.1:" + platform.gatewayApiPort);
        X509Certificate certificate = GatewayPlatform.parseCertificate(registered.at("/registration/certificate").asText());
        X509Certificate ca = GatewayPlatform.parseCertificate(registered.at("/registration/ca_bundle").asText());
        certificate.verify(ca.getPublicKey());
        assertThat(certificate.getPublicKey()).isEqualTo(key.pair().getPublic());
        assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=edge-1", "OU=staging", "O=" + org);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(GatewayIdentity.of(certificate)).hasValue(registered.at("/registration/gateway_id").asLong());
        assertThat(certificate.getNotAfter().toInstant())
                .isBetween(platform.clock.instant().plus(Duration.ofDays(30)).minusSeconds(5),
                        platform.clock.instant().plus(Duration.ofDays(30)).plusSeconds(5));
        assertThat(registered.text()).doesNotContain("PRIVATE KEY");

        ApiClient.Response again = platform.register(org, token, "edge-2", Key.generate());
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.at("/error").asText()).isEqualTo("no valid registration token was found");
        assertThat(again.at("/code").asText()).isEqualTo("registration_rejected");
    }

    @Test
    void refusesAUsedNameEvenAfterTheGatewayWasDeleted() {
        Gateway first = platform.registerGateway("reused-name", null);
        long org = platform.organization();

        ApiClient.Response duplicate = platform.register(org, platform.mintToken(platform.admin, null),
                "reused-name", Key.generate());
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.at("/error").asText())
                .isEqualTo("an active target with the same name already exists in this organization and environment");

        assertThat(platform.admin.delete("/admin/api/gateways/" + first.id() + ".json").status()).isEqualTo(200);
        String token = platform.mintToken(platform.admin, null);
        ApiClient.Response afterDelete = platform.register(org, token, "reused-name", Key.generate());
        assertThat(afterDelete.status()).isEqualTo(400);
        assertThat(afterDelete.at("/error").asText()).startsWith("an active target with the same name");
        // The refused registration did not spend the token.
        assertThat(platform.register(org, token, "fresh-name", Key.generate()).status()).isEqualTo(201);
        // The same name in the other environment is another gateway.
        assertThat(platform.register(org, platform.mintToken(platform.admin, "staging"), "reused-name",
                Key.generate()).status()).isEqualTo(201);
    }

    @Test
    void refusesATokenAfterItsFourHours() {
        long org = platform.organization();
        String token = platform.mintToken(platform.admin, null);
        platform.clock.advance(Duration.ofHours(4).plusSeconds(1));

        ApiClient.Response expired = platform.register(org, token, "too-late", Key.generate());

        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.at("/error").asText()).isEqualTo("no valid registration token was found");
    }

    @Test
    void answersTheMintedTokensExpiryAndTheCommandToPaste() {
        ApiClient.Response minted = platform.admin.post("/admin/api/gateway/registration_tokens.json",
                Map.of("environment", "production"));

        assertThat(minted.status()).isEqualTo(201);
        String token = minted.at("/registration_token/token").asText();
        assertThat(minted.at("/registration_token/command").asText()).isEqualTo("tollgate registration create"
                + " --organization=" + platform.organization() + " --token=" + token + " --control-plane="
                + platform.admin.baseUrl() + " <gateway-name>");
        assertThat(Instant.parse(minted.at("/registration_token/expires_at").asText()))
                .isEqualTo(platform.clock.instant().plus(Duration.ofHours(4)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        ApiClient.Response bad = platform.admin.post("/admin/api/gateway/registration_tokens.json",
                Map.of("environment", "qa"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.at("/errors/environment/0").asText()).contains("expected: production or staging");
        assertThat(platform.admin.withToken(null).post("/admin/api/gateway/registration_tokens.json", Map.of())
                .status()).isEqualTo(403);
    }

    @Test
    void keepsTokensAndRegistriesOfTenantsApart() {
        ApiClient other = platform.otherTenant("Isolated");
        long otherOrg = other.get("/admin/api/provider.json").at("/account/id").asLong();
        String othersToken = platform.mintToken(other, null);

        // Another tenant's token does not register in this tenant, nor the other way round.
        assertThat(platform.register(platform.organization(), othersToken, "cross", Key.generate()).at("/error")
                .asText()).isEqualTo("no valid registration token was found");
        assertThat(platform.register(otherOrg, platform.mintToken(platform.admin, null), "cross", Key.generate())
                .status()).isEqualTo(400);
        Gateway mine = platform.registerGateway("only-mine", null);
        assertThat(platform.register(otherOrg, othersToken, "only-mine", Key.generate()).status()).isEqualTo(201);

        assertThat(other.get("/admin/api/gateways.json").at("/gateways").findValuesAsText("name"))
                .containsExactly("only-mine");
        assertThat(other.get("/admin/api/gateways/" + mine.id() + ".json").status()).isEqualTo(404);
        assertThat(other.delete("/admin/api/gateways/" + mine.id() + ".json").status()).isEqualTo(404);
        assertThat(platform.admin.get("/admin/api/gateways/" + mine.id() + ".json").status()).isEqualTo(200);
    }

    @Test
    void refusesMalformedRequestsNamingTheField() {
        ApiClient.Response noCsr = platform.admin.withToken(null).post("/admin/api/gateway/registrations.json",
                Map.of("organization", "1", "token", "x", "name", "ok"));
        assertThat(noCsr.status()).isEqualTo(422);
        assertThat(noCsr.at("/errors/csr/0").asText()).isEqualTo("can't be blank");

        ApiClient.Response badName = platform.register(platform.organization(), "x", "bad name!", Key.generate());
        assertThat(badName.status()).isEqualTo(422);
        assertThat(badName.at("/errors/name/0").asText()).contains("'bad name!' is invalid");

        ApiClient.Response notCsr = platform.admin.withToken(null).post("/admin/api/gateway/registrations.json",
                Map.of("organization", "1", "token", "x", "name", "ok", "csr", "hello"));
        assertThat(notCsr.at("/errors/csr/0").asText()).contains("not a PEM certificate signing request");
    }
}
