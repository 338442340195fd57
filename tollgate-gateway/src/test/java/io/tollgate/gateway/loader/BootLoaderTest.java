package io.tollgate.gateway.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.gateway.testing.FakeAdminApi;
import io.tollgate.gateway.testing.ProductJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The boot loader against a fake admin API: paging, refresh, notifications, failures. */
class BootLoaderTest {
    @TempDir
    Path home;
    private LoaderFixture f;

    @BeforeEach
    void start() {
        f = LoaderFixture.start(home);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void loadsEveryPageAtStartWithTheTokenAsBasicPassword() {
        for (long id = 1; id <= 1001; id++) {
            f.api.deploy("production", ProductJson.product(id, "p" + id + ".example.com"));
        }
        f.api.deploy("production", f.product(2000, "pets.example.com"));

        f.start(f.settings(Environment.PRODUCTION).notifications(false).build()).firstLoad().await();

        assertThat(f.gw.images.current().byId()).hasSize(1002);
        assertThat(f.get("pets.example.com", 2000).status()).isEqualTo(200);
        List<FakeAdminApi.Received> listings = f.api.received().stream().filter(FakeAdminApi.Received::isListing)
                .toList();
        assertThat(listings).extracting(FakeAdminApi.Received::query).containsExactly(
                "version=latest&page=1&per_page=500", "version=latest&page=2&per_page=500",
                "version=latest&page=3&per_page=500");
        assertThat(listings).extracting(FakeAdminApi.Received::path)
                .containsOnly("/admin/api/account/proxy_configs/production.json");
        String basic = "Basic " + Base64.getEncoder().encodeToString((":" + FakeAdminApi.TOKEN)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(listings).extracting(FakeAdminApi.Received::authorization).containsOnly(basic);
    }

    @Test
    void refreshesEveryCachePeriodAndADeletedProductDisappears() {
        f.api.deploy("production", f.product(7, "pets.example.com"))
                .deploy("production", f.product(8, "cats.example.com"));
        f.start(f.settings(Environment.PRODUCTION).notifications(false).cache(Duration.ofMillis(300)).build())
                .firstLoad().await();
        assertThat(f.get("cats.example.com", 8).status()).isEqualTo(200);

        f.api.delete("production", 8).deploy("production", f.product(9, "dogs.example.com"));

        await().atMost(Duration.ofSeconds(5)).until(() -> f.get("cats.example.com", 8).status() == 404);
        assertThat(f.get("dogs.example.com", 9).status()).isEqualTo(200);
        assertThat(f.get("pets.example.com", 7).status()).isEqualTo(200);
        assertThat(f.gw.images.current().byId().keySet()).containsExactlyInAnyOrder(7L, 9L);
    }

    @Test
    void aChangeNotificationBringsADeployWithinASecond() throws Exception {
        f.api.deploy("production", f.product(7, "pets.example.com"));
        f.start(f.settings(Environment.PRODUCTION).cache(Duration.ofSeconds(300)).build()).firstLoad().await();
        awaitWaitingPoll();

        f.api.deploy("production", f.product(8, "cats.example.com"));
        long deployed = System.nanoTime();
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(10))
                .until(() -> f.gw.images.current().find("cats.example.com") != null);

        assertThat(Duration.ofNanos(System.nanoTime() - deployed)).isLessThan(Duration.ofSeconds(1));
        assertThat(f.get("cats.example.com", 8).status()).isEqualTo(200);
        assertThat(f.api.received()).filteredOn(FakeAdminApi.Received::isChanges)
                .extracting(FakeAdminApi.Received::path)
                .containsOnly("/admin/api/account/proxy_configs/production/changes.json");
    }

    @Test
    void aFailingServerKeepsThePreviousImageLogsTheStatusAndIsRetried() {
        f.api.deploy("production", f.product(7, "pets.example.com"));
        f.start(f.settings(Environment.PRODUCTION).notifications(false).cache(Duration.ofMillis(200)).build())
                .firstLoad().await();
        long generation = f.gw.images.current().generation();

        f.api.failListing(503);
        await().atMost(Duration.ofSeconds(5)).until(() -> f.logs.matching("HTTP 503").size() >= 2);

        assertThat(f.get("pets.example.com", 7).status()).isEqualTo(200);
        assertThat(f.gw.images.current().generation()).isEqualTo(generation);
        assertThat(f.logs.matching("failed to load configuration")).first().asString()
                .startsWith("ERROR failed to load configuration: http://127.0.0.1:" + f.api.port()
                        + "/admin/api/account/proxy_configs/production.json?version=latest&page=1&per_page=500: "
                        + "HTTP 503 {\"error\":\"failing on purpose\"}; production keeps serving configuration "
                        + generation);

        f.api.failListing(0).deploy("production", f.product(8, "cats.example.com"));
        await().atMost(Duration.ofSeconds(5)).until(() -> f.get("cats.example.com", 8).status() == 200);
        assertThat(f.logs.matching("configuration loaded from http://127.0.0.1:" + f.api.port() + " again"))
                .isNotEmpty();
    }

    @Test
    void anUnreachableServerIsRetriedWithBackoff() {
        f.api.deploy("production", f.product(7, "pets.example.com"));
        f.start(f.settings(Environment.PRODUCTION).notifications(false).cache(Duration.ofMillis(100)).build())
                .firstLoad().await();

        f.api.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> f.logs.matching("failed to load configuration").size() >= 4);

        assertThat(f.get("pets.example.com", 7).status()).isEqualTo(200);
        f.api.restart();
        f.api.deploy("production", f.product(8, "cats.example.com"));
        await().atMost(Duration.ofSeconds(5)).until(() -> f.get("cats.example.com", 8).status() == 200);
    }

    @Test
    void invalidJsonNeverReplacesAValidImage() {
        f.api.deploy("production", f.product(7, "pets.example.com"));
        f.start(f.settings(Environment.PRODUCTION).notifications(false).cache(Duration.ofMillis(200)).build())
                .firstLoad().await();

        f.api.invalidJson(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> !f.logs.matching("not valid JSON").isEmpty());

        assertThat(f.logs.matching("not valid JSON").get(0)).contains("failed to load configuration: ")
                .contains("(line 1, column ");
        assertThat(f.get("pets.example.com", 7).status()).isEqualTo(200);
    }

    @Test
    void aRejectedVersionKeepsThePreviousVersionServingAndIsLoggedOnce() {
        f.api.deploy("production", f.product(7, "pets.example.com"));
        f.start(f.settings(Environment.PRODUCTION).notifications(false).cache(Duration.ofMillis(150)).build())
                .firstLoad().await();

        f.api.deploy("production", f.product(7, "pets.example.com").rule("FETCH", "/x", "hits"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !f.logs.matching("configuration rejected").isEmpty());
        long loads = f.api.listings();
        await().atMost(Duration.ofSeconds(5)).until(() -> f.api.listings() >= loads + 3);

        assertThat(f.logs.matching("configuration rejected")).hasSize(1).first().asString().contains(
                "product 7 \"Product 7\": proxy.proxy_rules[1].http_method: \"FETCH\"",
                "(version 1 keeps serving)");
        assertThat(f.get("pets.example.com", 7).status()).isEqualTo(200);
    }

    @Test
    void withoutServerOrLastGoodFileTheFirstLoadFailsAndTheServerIsStillTried() {
        f.api.stop();
        ConfigSource source = f.start(f.settings(Environment.PRODUCTION).build());

        await().atMost(Duration.ofSeconds(5)).until(() -> source.firstLoad().isComplete());
        Throwable failure = source.firstLoad().cause();

        assertThat(failure).isInstanceOf(LoadException.class);
        assertThat(failure.getMessage()).contains("http://127.0.0.1:" + f.api.port(),
                "and there is no last good configuration " + home.resolve("gateway/production.json"));
        assertThat(f.gw.images.current().loaded()).isFalse();
        f.api.restart();
        f.api.deploy("production", f.product(7, "pets.example.com"));
        await().atMost(Duration.ofSeconds(5)).until(() -> f.gw.images.current().loaded());
        assertThat(f.get("pets.example.com", 7).status()).isEqualTo(200);
    }

    @Test
    void aServerWithoutChangeNotificationsIsRefreshedPeriodically() {
        f.api.failChanges(404).deploy("production", f.product(7, "pets.example.com"));
        f.start(f.settings(Environment.PRODUCTION).cache(Duration.ofMillis(300)).build()).firstLoad().await();

        f.api.deploy("production", f.product(8, "cats.example.com"));

        await().atMost(Duration.ofSeconds(5)).until(() -> f.get("cats.example.com", 8).status() == 200);
        assertThat(f.logs.matching("change notifications are not offered")).hasSize(1);
    }

    @Test
    void notificationsReconnectAfterFailures() throws Exception {
        f.api.failChanges(502).deploy("production", f.product(7, "pets.example.com"));
        f.start(f.settings(Environment.PRODUCTION).cache(Duration.ofSeconds(300)).build()).firstLoad().await();
        await().atMost(Duration.ofSeconds(5)).until(() -> f.api.received().stream()
                .filter(FakeAdminApi.Received::isChanges).count() >= 3);
        assertThat(f.logs.matching("change notifications failed")).hasSize(1).first().asString()
                .contains("HTTP 502");

        f.api.failChanges(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> !f.logs.matching("change notifications").stream()
                .filter(l -> l.contains("work again")).toList().isEmpty());
        awaitWaitingPoll();
        f.api.deploy("production", f.product(8, "cats.example.com"));

        await().atMost(Duration.ofSeconds(1)).until(() -> f.gw.images.current().find("cats.example.com") != null);
    }

    /** Waits until the loader has a change notification request open with a token (the long poll). */
    private void awaitWaitingPoll() throws InterruptedException {
        await().atMost(Duration.ofSeconds(5)).until(() -> f.api.received().stream()
                .anyMatch(r -> r.isChanges() && r.query().contains("since=")));
        Thread.sleep(50);
    }
}
