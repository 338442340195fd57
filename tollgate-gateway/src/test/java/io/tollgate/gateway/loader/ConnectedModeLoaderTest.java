package io.tollgate.gateway.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tollgate.gateway.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader of a registered gateway (connected mode, SPEC G6): an expired certificate loads nothing,
 * says why in the log, and does not start the gateway from the last good configuration either; and
 * products placed on another gateway are left out of every gateway's image but that one's.
 */
class ConnectedModeLoaderTest {
    @TempDir
    Path home;

    private ClientIdentity identity(long gatewayId, Instant notBefore, Instant notAfter) throws Exception {
        TestCertificates certificates = TestCertificates.in(home);
        TestCertificates.Pem pem = certificates.server("gateway-" + gatewayId);
        return new ClientIdentity(new ClientIdentity.Material("edge-1", gatewayId, "production",
                Files.readString(pem.certificate()), Files.readString(pem.key()),
                Files.readString(certificates.caBundle()), notBefore, notAfter), home.resolve("registration.yaml")
                .toString());
    }

    @Test
    void anExpiredCertificateLoadsNothingAndIgnoresTheLastGoodConfiguration() throws Exception {
        try (LoaderFixture before = LoaderFixture.start(home)) {
            before.api.deploy("production", before.product(7, "pets.example.com"));
            before.start(before.settings(Environment.PRODUCTION).build()).firstLoad().await();
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(home.resolve("gateway/production.json")));
        }
        try (LoaderFixture after = LoaderFixture.start(home)) {
            after.product(7, "pets.example.com");
            Instant now = after.gw.clock.instant();
            ClientIdentity expired = identity(3, now.minus(Duration.ofDays(2)), now.minusSeconds(60));
            LoaderSettings settings = LoaderSettings.builder(Environment.PRODUCTION).home(home)
                    .tuning(LoaderFixture.FAST).clock(after.gw.clock).loader(LoaderSettings.Loader.BOOT)
                    .portal(PortalEndpoint.gatewayApi("https://127.0.0.1:" + after.api.port())).identity(expired)
                    .build();

            ConfigSource source = after.start(settings);

            await().atMost(Duration.ofSeconds(10)).until(() -> source.firstLoad().isComplete());
            assertThat(source.firstLoad().failed()).isTrue();
            assertThat(source.firstLoad().cause().getMessage()).contains("the registration certificate of gateway "
                    + "edge-1 expired at ").contains("renew it (tollgate registration renew) and put the new "
                    + "registration.yaml at " + home.resolve("registration.yaml"));
            assertThat(after.gw.images.current().loaded()).isFalse();
            assertThat(after.get("pets.example.com", 7).status()).isEqualTo(404);
            assertThat(after.api.received()).as("no request leaves with an expired certificate").isEmpty();
            assertThat(after.logs.matching("failed to load configuration: https://127.0.0.1:" + after.api.port()
                    + "/gateway/api/proxy/configs/production.json")).isNotEmpty();
            assertThat(after.logs.matching("serving the last good configuration")).isEmpty();
        }
    }

    @Test
    void aCertificateNotValidYetSaysToCheckTheClock() throws Exception {
        Instant now = Instant.now();
        ClientIdentity early = identity(3, now.plusSeconds(600), now.plus(Duration.ofDays(1)));
        assertThat(early.unusable(now)).startsWith("the registration certificate of gateway edge-1 is not valid "
                + "before ").endsWith("(is this machine's clock right?)");
        assertThat(early.unusable(now.plusSeconds(601))).isNull();
    }

    @Test
    void aRenewalReachesItsListeners() throws Exception {
        Instant now = Instant.now();
        ClientIdentity identity = identity(3, now.minusSeconds(60), now.plusSeconds(60));
        ClientIdentity.Material renewed = new ClientIdentity.Material("edge-1", 3, "production", "new-cert",
                identity.current().privateKeyPem(), identity.current().caPem(), now, now.plus(Duration.ofDays(365)));
        List<ClientIdentity.Material> heard = new java.util.ArrayList<>();
        identity.onReplace(heard::add);

        identity.replace(renewed);

        assertThat(heard).containsExactly(renewed);
        assertThat(identity.current()).isSameAs(renewed);
        assertThat(identity.unusable(now.plus(Duration.ofDays(2)))).isNull();
        assertThat(renewed.sameCertificate(identity.current())).isTrue();
    }

    @Test
    void productsPlacedOnAGatewayAreServedByThatGatewayOnly() throws Exception {
        try (LoaderFixture f = LoaderFixture.start(home)) {
            f.api.deploy("production", f.product(7, "pets.example.com"))
                    .deploy("production", f.product(8, "placed.example.com")
                            .proxy("gateway", Map.of("id", 42, "name", "edge-42")));
            f.start(f.settings(Environment.PRODUCTION).build()).firstLoad().await();

            assertThat(f.get("pets.example.com", 7).status()).isEqualTo(200);
            assertThat(f.get("placed.example.com", 8).status()).as("another gateway's API instance").isEqualTo(404);
            assertThat(f.gw.images.current().byId()).containsOnlyKeys(7L);
        }
        Placement mine = new Placement(42);
        Placement other = new Placement(41);
        var placed = io.tollgate.gateway.image.ProductSource.of(io.tollgate.gateway.testing.ProductJson.JSON.readTree(
                "{\"id\":8,\"proxy\":{\"gateway\":{\"id\":42,\"name\":\"edge-42\"}}}"), 0);
        var everyone = io.tollgate.gateway.image.ProductSource.of(io.tollgate.gateway.testing.ProductJson.JSON
                .readTree("{\"id\":7,\"proxy\":{}}"), 0);
        assertThat(mine.mine(List.of(everyone, placed))).containsExactly(everyone, placed);
        assertThat(other.mine(List.of(placed, everyone))).containsExactly(everyone);
        assertThat(new Placement(Placement.NONE).mine(List.of(placed))).isEmpty();
    }

    @Test
    void aRegisteredGatewayLoadsWithTheBootLoaderOnly() throws Exception {
        Instant now = Instant.now();
        ClientIdentity identity = identity(3, now.minusSeconds(60), now.plusSeconds(600));
        assertThatThrownBy(() -> LoaderSettings.connected(Map.of(LoaderSettings.LOADER, "lazy"), Environment.STAGING,
                "https://cp.example.com:3443", identity)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOLLGATE_CONFIGURATION_LOADER: lazy (expected: boot; a registered gateway loads its whole "
                        + "configuration)");
        LoaderSettings staging = LoaderSettings.connected(Map.of(), Environment.STAGING, "https://cp.example.com:3443",
                identity);
        assertThat(staging.loader()).isEqualTo(LoaderSettings.Loader.BOOT);
        assertThat(staging.describe()).isEqualTo("https://cp.example.com:3443 (boot loader, refresh every 300 s, as "
                + "registered gateway edge-1, change notifications)");
        assertThatThrownBy(() -> PortalEndpoint.gatewayApi("http://cp.example.com:3443"))
                .hasMessage("http://cp.example.com:3443 (expected: the gateway API's https://host:port URL)");
    }
}
