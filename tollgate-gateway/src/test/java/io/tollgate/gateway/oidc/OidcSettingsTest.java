package io.tollgate.gateway.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.gateway.config.ConfigException;
import io.tollgate.gateway.config.ProductConfig.ClaimType;
import io.tollgate.gateway.config.ProductConfig.CredentialsLocation;
import io.tollgate.gateway.config.ProductConfig.CredentialsSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The issuer endpoint and the client-id rule, as the configuration gives them. */
class OidcSettingsTest {

    private static OidcSettings settings(String endpoint, String claim, ClaimType type) {
        return OidcSettings.of(new CredentialsSettings(CredentialsLocation.AUTHORIZATION, "user_key", "app_id",
                "app_key", endpoint, claim, type));
    }

    private static OidcSettings settings(String endpoint) {
        return settings(endpoint, null, ClaimType.PLAIN);
    }

    @Test
    void theIssuerLosesItsUserinfoAndTrailingSlash() {
        OidcSettings s = settings("https://zync:p%40ss@idp.example.com:8443/auth/realms/shop/");

        assertThat(s.issuer()).isEqualTo("https://idp.example.com:8443/auth/realms/shop");
        assertThat(s.discoveryUrl())
                .isEqualTo("https://idp.example.com:8443/auth/realms/shop/.well-known/openid-configuration");
    }

    @Test
    void invalidEndpointsAreRejectedWithoutEchoingCredentials() {
        assertThatThrownBy(() -> settings(null)).isInstanceOf(ConfigException.class)
                .hasMessage("oidc_issuer_endpoint: missing (expected: the OpenID Connect issuer URL, for backend_version"
                        + " oidc)");
        assertThatThrownBy(() -> settings("  ")).hasMessageStartingWith("oidc_issuer_endpoint: missing");
        assertThatThrownBy(() -> settings("ldap://id:secret@idp/realms/x"))
                .hasMessage("oidc_issuer_endpoint: \"ldap://***@idp/realms/x\" (expected: an http or https URL)");
        assertThatThrownBy(() -> settings("https://id:secret@idp/realms/x?tenant=1"))
                .hasMessage("oidc_issuer_endpoint: \"https://***@idp/realms/x?tenant=1\" (expected: an issuer URL"
                        + " without query or fragment)");
        assertThatThrownBy(() -> settings("https://id:sec ret@idp/ x")).hasMessageNotContaining("sec ret")
                .hasMessageContaining("(expected: a URL)");
        assertThatThrownBy(() -> settings("idp.example.com/realms/x"))
                .hasMessageContaining("(expected: an http or https URL)");
    }

    @Test
    void anInvalidLiquidClientIdIsRejectedNamingTheField() {
        assertThatThrownBy(() -> settings("https://idp/x", "{{ a | nope }}", ClaimType.LIQUID))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("jwt_claim_with_client_id: ");
    }

    @Test
    void clientIdRules() {
        Map<String, Object> claims = Map.of("azp", "by-azp", "aud", List.of("by-aud", "other"), "client_id", 42L,
                "nested", Map.of("list", List.of("zero", "one")), "flag", true, "ratio", 0.5);

        assertThat(ClientIdClaim.of(null, ClaimType.PLAIN).resolve(claims)).isEqualTo("by-azp");
        assertThat(ClientIdClaim.of(" ", ClaimType.LIQUID).resolve(Map.of("aud", "one"))).isEqualTo("one");
        assertThat(ClientIdClaim.of(null, ClaimType.PLAIN).resolve(Map.of("azp", "", "aud", List.of("x"))))
                .isEqualTo("x");
        assertThat(ClientIdClaim.of(null, ClaimType.PLAIN).resolve(Map.of("aud", List.of()))).isNull();
        assertThat(ClientIdClaim.of("client_id", ClaimType.PLAIN).resolve(claims)).isEqualTo("42");
        assertThat(ClientIdClaim.of("ratio", ClaimType.PLAIN).resolve(claims)).isNull();
        assertThat(ClientIdClaim.of("nested", ClaimType.PLAIN).resolve(claims)).isNull();
        assertThat(ClientIdClaim.of("{{ nested.list.1 }}", ClaimType.LIQUID).resolve(claims)).isEqualTo("one");
        assertThat(ClientIdClaim.of("{{ nested.list.7 }}", ClaimType.LIQUID).resolve(claims)).isNull();
        assertThat(ClientIdClaim.of("{{ azp | upcase }}-{{ flag }}", ClaimType.LIQUID).resolve(claims))
                .isEqualTo("BY-AZP-true");
    }
}
