package io.tollgate.dist.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.gateway.loader.Environment;
import io.tollgate.gateway.loader.LoaderSettings;
import io.tollgate.gateway.loader.PortalEndpoint;
import io.tollgate.gateway.meter.GatewayMeter;
import io.tollgate.gateway.meter.InProcessMeter;
import io.tollgate.meter.MemoryCounterStore;
import io.tollgate.meter.engine.Meter;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Gateways fed by a real control plane, as {@code tollgate up} runs them: production with the boot
 * loader and change notifications, staging with the lazy loader. A promotion reaches the connected
 * production gateway within a second; staging and production serve their own versions; a deleted
 * product disappears; an invalid version keeps the previous one serving; and a gateway restarted
 * while the server is down serves its last good configuration until the server is back.
 */
class GatewayConfigurationFromServerTest {
    private static final LoaderSettings.Tuning QUICK_RETRIES = new LoaderSettings.Tuning(Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMillis(500),
            Duration.ofSeconds(25));

    @TempDir
    Path home;
    private Vertx vertx;
    private HttpServer upstream;
    private final AtomicInteger upstreamRequests = new AtomicInteger();
    private ControlPlaneFixture server;
    private GatewayMeter meter;
    private GatewayFixture production;
    private GatewayFixture staging;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        upstream = vertx.createHttpServer().requestHandler(r -> {
            upstreamRequests.incrementAndGet();
            r.response().end("upstream");
        });
        upstream.listen(0, "127.0.0.1").await();
        server = new ControlPlaneFixture(vertx);
        meter = new InProcessMeter(new Meter(server.meterConfig, new MemoryCounterStore(), server.usageStats,
                Clock.systemUTC()), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        for (GatewayFixture g : new GatewayFixture[] {production, staging}) {
            if (g != null) {
                g.close();
            }
        }
        server.close();
        vertx.close().await();
    }

    private LoaderSettings settings(Environment environment) {
        return LoaderSettings.fromEnvironment(Map.of("TOLLGATE_PORTAL_ENDPOINT", server.portalEndpoint(),
                "TOLLGATE_HOME", home.toString()), environment).toBuilder().tuning(QUICK_RETRIES).build();
    }

    private GatewayFixture gateway(Environment environment) {
        GatewayFixture gateway = new GatewayFixture(vertx, settings(environment), meter);
        gateway.source.firstLoad().await();
        return gateway;
    }

    private String upstreamUrl() {
        return "http://127.0.0.1:" + upstream.actualPort();
    }

    @Test
    void aPromotionReachesAConnectedProductionGatewayWithinASecond() throws Exception {
        long pets = server.product("Pets", "pets.example.com", "pets-staging.example.com", upstreamUrl(), "pets-key");
        production = gateway(Environment.PRODUCTION);
        staging = gateway(Environment.STAGING);
        assertThat(production.get("pets.example.com", "/?user_key=pets-key").status()).isEqualTo(404);
        assertThat(staging.get("pets-staging.example.com", "/?user_key=pets-key").status()).isEqualTo(200);
        Thread.sleep(300);

        server.promote(pets, 1);
        long promoted = System.nanoTime();
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(10))
                .until(() -> production.images.current().find("pets.example.com") != null);
        Duration took = Duration.ofNanos(System.nanoTime() - promoted);
        LoggerFactory.getLogger(getClass()).info("promotion served by the production gateway after {} ms",
                took.toMillis());

        assertThat(took).isLessThan(Duration.ofSeconds(1));
        assertThat(production.get("pets.example.com", "/?user_key=pets-key"))
                .isEqualTo(new GatewayFixture.Response(200, "upstream"));
        assertThat(upstreamRequests.get()).isEqualTo(2);
    }

    @Test
    void stagingServesTheLatestDeployAndProductionOnlyWhatWasPromoted() {
        long pets = server.product("Pets", "pets.example.com", "pets-staging.example.com", upstreamUrl(), "pets-key");
        server.promote(pets, 1);
        production = gateway(Environment.PRODUCTION);
        staging = gateway(Environment.STAGING);
        assertThat(production.get("pets.example.com", "/?user_key=wrong").body()).isEqualTo("Authentication failed");

        // Auto-deploys sandbox version 2.
        server.patch("/admin/api/services/" + pets + "/proxy.json", Map.of("proxy",
                Map.of("error_auth_failed", "Staging says no")));

        assertThat(staging.get("pets-staging.example.com", "/?user_key=wrong").body()).isEqualTo("Staging says no");
        assertThat(staging.get("pets.example.com", "/?user_key=wrong").body()).isEqualTo("Staging says no");
        assertThat(production.get("pets.example.com", "/?user_key=wrong").body()).isEqualTo("Authentication failed");
        assertThat(production.images.current().find("pets.example.com").source().version()).isEqualTo(1);

        server.promote(pets, 2);
        await().atMost(Duration.ofSeconds(2)).until(() -> production.get("pets.example.com", "/?user_key=wrong")
                .body().equals("Staging says no"));
        assertThat(home.resolve("gateway/production.json")).exists();
        // The lazy staging loader keeps what it fetched: the sandbox version 2.
        await().atMost(Duration.ofSeconds(2)).until(() -> java.nio.file.Files.exists(home.resolve("gateway/staging.json"))
                && java.nio.file.Files.readString(home.resolve("gateway/staging.json")).contains("Staging says no"));
    }

    @Test
    void aDeletedProductDisappearsFromBothGateways() {
        long pets = server.product("Pets", "pets.example.com", "pets-staging.example.com", upstreamUrl(), "pets-key");
        long cats = server.product("Cats", "cats.example.com", "cats-staging.example.com", upstreamUrl(), "cats-key");
        server.promote(pets, 1);
        server.promote(cats, 1);
        production = gateway(Environment.PRODUCTION);
        staging = gateway(Environment.STAGING);
        assertThat(production.get("cats.example.com", "/?user_key=cats-key").status()).isEqualTo(200);
        assertThat(staging.get("cats-staging.example.com", "/?user_key=cats-key").status()).isEqualTo(200);

        server.delete("/admin/api/services/" + cats + ".json");

        await().atMost(Duration.ofSeconds(1)).until(() -> production.get("cats.example.com", "/?user_key=cats-key")
                .status() == 404);
        assertThat(staging.get("cats-staging.example.com", "/?user_key=cats-key").status()).isEqualTo(404);
        assertThat(production.get("pets.example.com", "/?user_key=pets-key").status()).isEqualTo(200);
        assertThat(production.images.current().byId().keySet()).containsExactly(pets);
    }

    @Test
    void aVersionTheGatewayRejectsLeavesThePreviousOneServing() throws Exception {
        long pets = server.product("Pets", "pets.example.com", "pets-staging.example.com", upstreamUrl(), "pets-key");
        server.promote(pets, 1);
        production = gateway(Environment.PRODUCTION);
        long generation = production.images.current().generation();
        Thread.sleep(300);

        // A custom policy this gateway does not have: the server accepts it, the gateway cannot run it.
        server.put("/admin/api/services/" + pets + "/proxy/policies.json", Map.of("policies_config", List.of(
                Map.of("name", "acme_auth", "version", "1.0.0", "configuration", Map.of()),
                Map.of("name", "apicast", "version", "builtin", "configuration", Map.of()))));
        server.promote(pets, server.latestSandbox(pets));
        Thread.sleep(1000);

        assertThat(production.get("pets.example.com", "/?user_key=pets-key").status()).isEqualTo(200);
        assertThat(production.images.current().find("pets.example.com").source().version()).isEqualTo(1);
        assertThat(production.images.current().generation()).isEqualTo(generation);
    }

    @Test
    void aGatewayRestartedWhileTheServerIsDownServesTheLastGoodConfigurationUntilTheServerIsBack()
            throws Exception {
        long pets = server.product("Pets", "pets.example.com", "pets-staging.example.com", upstreamUrl(), "pets-key");
        server.promote(pets, 1);
        production = gateway(Environment.PRODUCTION);
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(home.resolve("gateway/production.json")));

        server.stop();
        production.close();
        production = gateway(Environment.PRODUCTION);

        assertThat(production.images.current().source()).startsWith("last good configuration ");
        assertThat(production.get("pets.example.com", "/?user_key=pets-key").status()).isEqualTo(200);

        server.start();
        server.patch("/admin/api/services/" + pets + "/proxy.json", Map.of("proxy",
                Map.of("error_auth_failed", "Back again")));
        server.promote(pets, 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> production.get("pets.example.com", "/?user_key=wrong")
                .body().equals("Back again"));
        assertThat(production.images.current().source()).isEqualTo(PortalEndpoint.parse(server.portalEndpoint())
                .toString());
    }
}
