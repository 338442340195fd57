package io.tollgate.gateway.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** {@code TOLLGATE_PORTAL_ENDPOINT}: where the gateway asks, with which credentials, shown without them. */
class PortalEndpointTest {

    @Test
    void withoutAPathTheAccountListingIsAskedWithTheTokenAsBasicPassword() {
        PortalEndpoint e = PortalEndpoint.parse("https://0123abcd@admin.example.com");

        assertThat(e.tls()).isTrue();
        assertThat(e.host()).isEqualTo("admin.example.com");
        assertThat(e.port()).isEqualTo(443);
        assertThat(e.authorization()).isEqualTo(basic(":0123abcd"));
        assertThat(e.pageUri(Environment.PRODUCTION, 2, 500))
                .isEqualTo("/admin/api/account/proxy_configs/production.json?version=latest&page=2&per_page=500");
        assertThat(e.hostUri(Environment.STAGING, "api.example.com"))
                .isEqualTo("/admin/api/account/proxy_configs/staging.json?host=api.example.com&version=latest");
        assertThat(e.changesUri(Environment.STAGING, "3-41", 25))
                .isEqualTo("/admin/api/account/proxy_configs/staging/changes.json?since=3-41&wait=25");
        assertThat(e.changesUri(Environment.PRODUCTION, null, 0))
                .isEqualTo("/admin/api/account/proxy_configs/production/changes.json?wait=0");
        assertThat(e).hasToString("https://admin.example.com");
    }

    @Test
    void withAPathTheEnvironmentIsAppendedToIt() {
        PortalEndpoint e = PortalEndpoint.parse("http://tok@127.0.0.1:3000/tenant-a/proxy_configs/");

        assertThat(e.tls()).isFalse();
        assertThat(e.port()).isEqualTo(3000);
        assertThat(e.pageUri(Environment.PRODUCTION, 1, 500))
                .isEqualTo("/tenant-a/proxy_configs/production.json?version=latest&page=1&per_page=500");
        assertThat(e.changesUri(Environment.PRODUCTION, "t1", 5))
                .isEqualTo("/tenant-a/proxy_configs/production/changes.json?since=t1&wait=5");
        assertThat(e).hasToString("http://127.0.0.1:3000");
        assertThat(e.show("/x")).isEqualTo("http://127.0.0.1:3000/x");
    }

    @Test
    void userAndPasswordArePassedAsGivenAndEscapesAreDecoded() {
        assertThat(PortalEndpoint.parse("https://me:pa%40ss@h.example.com").authorization())
                .isEqualTo(basic("me:pa@ss"));
        assertThat(PortalEndpoint.parse("https://a+b@h.example.com").authorization()).isEqualTo(basic(":a+b"));
    }

    @Test
    void hostsToQueryAreEscaped() {
        assertThat(PortalEndpoint.parse("https://t@h").hostUri(Environment.PRODUCTION, "a&b=c"))
                .contains("host=a%26b%3Dc&");
    }

    @Test
    void refusalsNeverShowTheToken() {
        assertThatThrownBy(() -> PortalEndpoint.parse("https://s3cret@admin.example.com/x?y=1"))
                .hasMessage("https://***@admin.example.com/x?y=1 (expected: no query or fragment)");
        assertThatThrownBy(() -> PortalEndpoint.parse("https://s3cret@@bad host"))
                .hasMessage("https://***@bad host (expected: a URL such as https://TOKEN@host)");
        assertThatThrownBy(() -> PortalEndpoint.parse("https://:@admin.example.com"))
                .hasMessageContaining("expected: an access token before the host");
        assertThat(PortalEndpoint.redact("https://a:b@c@host.example.com/p@q"))
                .isEqualTo("https://***@host.example.com/p@q");
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
