package io.tollgate.gateway.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.gateway.testing.FakeAdminApi;
import io.tollgate.gateway.testing.GatewayHarness;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's certificate is verified unless the user says otherwise; a CA bundle can vouch for it. */
class PortalTlsTest {
    @TempDir
    Path home;
    private LoaderFixture f;
    private FakeAdminApi tls;

    @BeforeEach
    void start() {
        f = LoaderFixture.start(home);
        // A self-signed certificate for 127.0.0.1 (src/test/resources/tls).
        tls = FakeAdminApi.start(f.gw.vertx, new PemKeyCertOptions().setCertPath("tls/portal.crt")
                .setKeyPath("tls/portal.key"));
        tls.deploy("production", f.product(7, "pets.example.com"));
    }

    @AfterEach
    void stop() {
        tls.close();
        f.close();
    }

    private LoaderSettings.Builder settings() {
        return f.settings(Environment.PRODUCTION).portal(PortalEndpoint.parse(tls.endpoint())).notifications(false);
    }

    @Test
    void anUntrustedCertificateIsRefused() {
        ConfigSource source = f.start(settings().build());
        await().atMost(Duration.ofSeconds(10)).until(() -> source.firstLoad().isComplete());

        assertThat(source.firstLoad().cause().getMessage()).startsWith("https://127.0.0.1:" + tls.port()
                + "/admin/api/account/proxy_configs/production.json").containsIgnoringCase("certification path");
        assertThat(f.gw.images.current().loaded()).isFalse();
        assertThat(tls.received()).isEmpty();
    }

    @Test
    void aCaBundleVouchesForTheServer() throws Exception {
        Path bundle = Path.of(getClass().getResource("/tls/portal.crt").toURI());

        f.start(settings().caBundle(bundle).build()).firstLoad().await();

        GatewayHarness.Response r = f.get("pets.example.com", 7);
        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void insecureSkipsTheCheck() {
        f.start(settings().insecure(true).build()).firstLoad().await();

        assertThat(f.get("pets.example.com", 7).status()).isEqualTo(200);
    }
}
