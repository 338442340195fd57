package io.tollgate.gateway.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.gateway.testing.FakeAdminApi;
import io.tollgate.gateway.testing.GatewayHarness;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lazy loader (staging's default) against a fake admin API: per host, cached, shared, resilient. */
class LazyLoaderTest {
    @TempDir
    Path home;
    private LoaderFixture f;

    @BeforeEach
    void start() {
        f = LoaderFixture.startLazy(home);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private ConfigSource lazy(Duration cache) {
        ConfigSource source = f.start(f.settings(Environment.STAGING).cache(cache).clock(f.gw.clock).build());
        source.firstLoad().await();
        return source;
    }

    @Test
    void isReadyAtOnceAndFetchesTheRequestHostFromTheStagingListing() {
        f.api.deploy("staging", f.product(7, "pets-staging.example.com"));
        lazy(Duration.ZERO);
        assertThat(f.gw.images.current().loaded()).isTrue();
        assertThat(f.api.listings()).isZero();

        GatewayHarness.Response r = f.get("PETS-staging.example.com:8090", 7);

        assertThat(r.status()).isEqualTo(200);
        assertThat(f.gw.upstream.only().header("Host")).isEqualTo("PETS-staging.example.com:8090");
        assertThat(f.api.received()).filteredOn(FakeAdminApi.Received::isListing).singleElement()
                .satisfies(req -> {
                    assertThat(req.path()).isEqualTo("/admin/api/account/proxy_configs/staging.json");
                    assertThat(req.query()).isEqualTo("host=pets-staging.example.com&version=latest");
                });
    }

    @Test
    void withoutCacheEveryRequestFetchesAndSeesTheLatestVersion() {
        f.api.deploy("staging", f.product(7, "pets.example.com"));
        lazy(Duration.ZERO);
        f.get("pets.example.com", 7);
        f.get("pets.example.com", 7);

        f.api.deploy("staging", f.product(7, "pets.example.com").proxy("error_auth_failed", "Nope"));

        assertThat(f.gw.get("pets.example.com", "/?user_key=wrong").body()).isEqualTo("Nope");
        assertThat(f.api.listings()).isEqualTo(3);
        // No notification long poll without a cache: nothing would be cached to forget.
        assertThat(f.api.received()).noneMatch(FakeAdminApi.Received::isChanges);
    }

    @Test
    void aHostIsKeptForTheCachePeriod() {
        f.api.deploy("staging", f.product(7, "pets.example.com"));
        lazy(Duration.ofSeconds(60));
        f.get("pets.example.com", 7);
        f.get("pets.example.com", 7);
        assertThat(f.api.listings()).isEqualTo(1);

        f.gw.clock.advance(Duration.ofSeconds(61));
        f.get("pets.example.com", 7);

        assertThat(f.api.listings()).isEqualTo(2);
    }

    @Test
    void concurrentRequestsForOneHostShareOneFetch() {
        f.api.deploy("staging", f.product(7, "pets.example.com")).delayListing(800);
        lazy(Duration.ZERO);
        // Twenty connections, so that the twenty requests are really in flight together.
        HttpClient client = f.gw.vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(20));
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(client.request(new RequestOptions().setHost("127.0.0.1").setPort(f.gw.port())
                    .setURI("/?user_key=key-7")).compose(request -> {
                        request.authority(HostAndPort.create("pets.example.com", -1));
                        return request.send();
                    }).map(HttpClientResponse::statusCode));
        }

        assertThat(Future.all(statuses).await().<Integer>list()).containsOnly(200);
        assertThat(f.api.listings()).isEqualTo(1);
        assertThat(f.gw.upstream.received()).hasSize(20);
        client.close().await();
    }

    @Test
    void aProductTheServerNoLongerListsForTheHostLeavesTheImage() {
        f.api.deploy("staging", f.product(7, "pets.example.com").host("pets.example.org"));
        lazy(Duration.ofSeconds(60));
        assertThat(f.get("pets.example.com", 7).status()).isEqualTo(200);
        assertThat(f.get("pets.example.org", 7).status()).isEqualTo(200);

        f.api.delete("staging", 7);
        f.gw.clock.advance(Duration.ofSeconds(61));

        assertThat(f.get("pets.example.com", 7).status()).isEqualTo(404);
        assertThat(f.gw.images.current().byId()).isEmpty();
        assertThat(f.get("pets.example.org", 7).status()).isEqualTo(404);
    }

    @Test
    void anUnknownHostIs404AndReachesNoUpstream() {
        lazy(Duration.ZERO);

        GatewayHarness.Response r = f.get("nobody.example.com", 7);

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).isEmpty();
        assertThat(f.gw.upstream.received()).isEmpty();
        assertThat(f.api.listings()).isEqualTo(1);
    }

    @Test
    void whenTheServerIsDownRequestsAreServedFromTheImageWithoutWaiting() {
        f.api.deploy("staging", f.product(7, "pets.example.com"));
        lazy(Duration.ZERO);
        assertThat(f.get("pets.example.com", 7).status()).isEqualTo(200);

        f.api.failListing(500);
        assertThat(f.get("pets.example.com", 7).status()).isEqualTo(200);
        long listings = f.api.listings();
        for (int i = 0; i < 5; i++) {
            assertThat(f.get("pets.example.com", 7).status()).isEqualTo(200);
        }

        // During the backoff after the failure nobody waits for the server.
        assertThat(f.api.listings()).isEqualTo(listings);
        assertThat(f.logs.matching("failed to load configuration")).singleElement().asString().contains(
                "staging.json?host=pets.example.com&version=latest: HTTP 500",
                "production serves what it has for pets.example.com");
        f.api.failListing(0);
        f.gw.clock.advance(Duration.ofSeconds(1));
        f.get("pets.example.com", 7);
        assertThat(f.api.listings()).isEqualTo(listings + 1);
    }

    @Test
    void aChangeNotificationForgetsTheCachedHosts() {
        f.api.deploy("staging", f.product(7, "pets.example.com"));
        lazy(Duration.ofSeconds(300));
        f.get("pets.example.com", 7);
        await().atMost(Duration.ofSeconds(5)).until(() -> f.api.received().stream()
                .anyMatch(r -> r.isChanges() && r.query().contains("since=")));

        f.api.deploy("staging", f.product(7, "pets.example.com").proxy("error_auth_failed", "Changed"));

        await().atMost(Duration.ofSeconds(1)).until(() -> f.gw.get("pets.example.com", "/?user_key=wrong").body()
                .equals("Changed"));
    }
}
