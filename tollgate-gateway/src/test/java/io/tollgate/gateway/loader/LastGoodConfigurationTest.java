package io.tollgate.gateway.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.gateway.testing.FakeAdminApi;
import io.tollgate.gateway.testing.FakeUpstream;
import io.tollgate.gateway.testing.GatewayHarness;
import io.tollgate.gateway.testing.ProductJson;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last good configuration on disk: written after loads, private and replaced atomically, and
 * served by a gateway restarted while the server is down, which keeps trying the server.
 */
class LastGoodConfigurationTest {
    @TempDir
    Path home;
    private Vertx vertx;
    private FakeUpstream upstream;

    @BeforeEach
    void upstream() {
        // Outlives the gateways of a test, as a real upstream outlives a gateway restart.
        vertx = Vertx.vertx();
        upstream = FakeUpstream.start(vertx);
    }

    @AfterEach
    void stop() {
        upstream.close();
        vertx.close().await();
    }

    @Test
    void eachLoadThatChangesTheImageReplacesTheFileWhichOnlyItsOwnerCanRead() throws Exception {
        Path file = home.resolve("gateway/production.json");
        try (LoaderFixture f = LoaderFixture.start(home)) {
            f.api.deploy("production", product(f, 7, "pets.example.com"));
            f.start(f.settings(Environment.PRODUCTION).clock(f.gw.clock).build()).firstLoad().await();
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(file));

            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(file.getParent()))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
            JsonNode saved = ProductJson.JSON.readTree(file.toFile());
            assertThat(saved.get("environment").asText()).isEqualTo("production");
            assertThat(saved.get("source").asText()).isEqualTo("http://127.0.0.1:" + f.api.port());
            assertThat(saved.get("saved_at").asText()).isEqualTo(GatewayHarness.START.toString());
            assertThat(ids(saved)).containsExactly(7L);
            assertThat(saved.at("/proxy_configs/0/proxy_config/version").asLong()).isEqualTo(1);
            assertThat(Files.readString(file)).doesNotContain(FakeAdminApi.TOKEN);

            f.api.deploy("production", product(f, 8, "cats.example.com"));
            await().atMost(Duration.ofSeconds(5)).until(() -> ids(ProductJson.JSON.readTree(file.toFile()))
                    .size() == 2);
            try (Stream<Path> files = Files.list(file.getParent())) {
                assertThat(files).containsExactly(file);
            }
        }
    }

    @Test
    void aGatewayRestartedWhileTheServerIsDownServesTheLastGoodConfigurationAndKeepsTrying() {
        int serverPort;
        try (LoaderFixture before = LoaderFixture.start(home)) {
            before.api.deploy("production", product(before, 7, "pets.example.com"))
                    .deploy("production", product(before, 8, "cats.example.com"));
            before.start(before.settings(Environment.PRODUCTION).clock(before.gw.clock).build()).firstLoad().await();
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(home.resolve("gateway/production.json")));
            serverPort = before.api.port();
        }

        try (LoaderFixture after = LoaderFixture.start(home)) {
            product(after, 7, "pets.example.com");
            product(after, 8, "cats.example.com");
            after.gw.clock.advance(Duration.ofHours(3).plusMinutes(12));
            ConfigSource source = after.start(after.settings(Environment.PRODUCTION).clock(after.gw.clock)
                    .portal(PortalEndpoint.parse("http://" + FakeAdminApi.TOKEN + "@127.0.0.1:" + serverPort))
                    .build());

            source.firstLoad().await();

            assertThat(after.get("pets.example.com", 7).status()).isEqualTo(200);
            assertThat(after.get("cats.example.com", 8).status()).isEqualTo(200);
            assertThat(upstream.received()).hasSize(2);
            assertThat(after.logs.matching("serving the last good configuration")).singleElement().asString()
                    .contains("production cannot load its configuration from http://127.0.0.1:" + serverPort,
                            home.resolve("gateway/production.json").toString(),
                            "saved " + GatewayHarness.START + " (3 h 12 min ago), 2 products; still trying the server");

            FakeAdminApi back = FakeAdminApi.startOn(after.gw.vertx, serverPort);
            try {
                back.deploy("production", product(after, 7, "pets.example.com"));
                await().atMost(Duration.ofSeconds(5)).until(() -> after.get("cats.example.com", 8).status() == 404);
                assertThat(after.get("pets.example.com", 7).status()).isEqualTo(200);
                assertThat(after.gw.images.current().source()).isEqualTo("http://127.0.0.1:" + serverPort);
            } finally {
                back.close();
            }
        }
    }

    @Test
    void aDamagedLastGoodFileIsReportedAndNotServed() throws Exception {
        Files.createDirectories(home.resolve("gateway"));
        Files.writeString(home.resolve("gateway/production.json"), "{\"proxy_configs\":[{\"proxy_config\":{}}]}");
        try (LoaderFixture f = LoaderFixture.start(home)) {
            f.api.stop();
            ConfigSource source = f.start(f.settings(Environment.PRODUCTION).build());

            await().atMost(Duration.ofSeconds(5)).until(() -> source.firstLoad().isComplete());

            assertThat(source.firstLoad().cause()).hasMessage(home.resolve("gateway/production.json")
                    + ": proxy_configs[0].proxy_config.id: missing (expected: the version id)");
            assertThat(f.gw.images.current().loaded()).isFalse();
            f.api.restart();
        }
    }

    @Test
    void theLazyLoaderSavesWhatItFetchedAndARestartWhileTheServerIsDownServesIt() throws Exception {
        Path file = home.resolve("gateway/staging.json");
        int serverPort;
        try (LoaderFixture before = LoaderFixture.startLazy(home)) {
            before.api.deploy("staging", product(before, 7, "pets.example.com"))
                    .deploy("staging", product(before, 8, "cats.example.com"));
            before.start(before.settings(Environment.STAGING).cache(Duration.ZERO).clock(before.gw.clock).build())
                    .firstLoad().await();
            assertThat(before.get("pets.example.com", 7).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(file) && ids(ProductJson.JSON.readTree(
                    file.toFile())).equals(List.of(7L)));
            assertThat(before.get("cats.example.com", 8).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> ids(ProductJson.JSON.readTree(file.toFile()))
                    .equals(List.of(7L, 8L)));
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(file)).doesNotContain(FakeAdminApi.TOKEN);
            serverPort = before.api.port();
        }

        try (LoaderFixture after = LoaderFixture.startLazy(home)) {
            product(after, 7, "pets.example.com");
            product(after, 8, "cats.example.com");
            ConfigSource source = after.start(after.settings(Environment.STAGING).cache(Duration.ZERO)
                    .clock(after.gw.clock)
                    .portal(PortalEndpoint.parse("http://" + FakeAdminApi.TOKEN + "@127.0.0.1:" + serverPort))
                    .build());
            source.firstLoad().await();

            assertThat(after.get("pets.example.com", 7).status()).as("the server is down: the saved product serves")
                    .isEqualTo(200);
            assertThat(after.get("cats.example.com", 8).status()).isEqualTo(200);
            assertThat(after.get("dogs.example.com", 9).status()).isEqualTo(404);
            assertThat(upstream.received()).hasSize(4);
            assertThat(after.logs.matching("starts with the last good configuration")).singleElement().asString()
                    .contains(file.toString(), "2 products");
        }
    }

    private ProductJson product(LoaderFixture f, long id, String host) {
        return f.product(id, host).apiBackend(upstream.url());
    }

    private static List<Long> ids(JsonNode saved) {
        List<Long> ids = new ArrayList<>();
        saved.get("proxy_configs").forEach(c -> ids.add(c.at("/proxy_config/content/id").asLong()));
        return ids;
    }
}
