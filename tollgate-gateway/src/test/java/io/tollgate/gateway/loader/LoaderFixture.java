package io.tollgate.gateway.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.gateway.testing.FakeAdminApi;
import io.tollgate.gateway.testing.GatewayHarness;
import io.tollgate.gateway.testing.LogCapture;
import io.tollgate.gateway.testing.ProductJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A gateway listener ({@link GatewayHarness}), a fake admin API, and the loaders a test starts
 * between them, with short timings; the logs are captured, and closing checks that no log line
 * ever showed the access token.
 */
final class LoaderFixture implements AutoCloseable {
    static final LoaderSettings.Tuning FAST = new LoaderSettings.Tuning(Duration.ofMillis(100), Duration.ofSeconds(1),
            Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(2));

    final LogCapture logs = LogCapture.start();
    final GatewayHarness gw;
    final FakeAdminApi api;
    final Path home;
    private final List<ConfigSource> sources = new ArrayList<>();

    private LoaderFixture(GatewayHarness gw, Path home) {
        this.gw = gw;
        this.api = FakeAdminApi.start(gw.vertx);
        this.home = home;
    }

    /** A listener whose image is complete (boot and file loaders). */
    static LoaderFixture start(Path home) {
        return new LoaderFixture(GatewayHarness.start(), home);
    }

    /** A listener that consults the lazy loader before routing. */
    static LoaderFixture startLazy(Path home) {
        return new LoaderFixture(GatewayHarness.startLazy(), home);
    }

    /** Settings for the fake API, this home and the short timings. */
    LoaderSettings.Builder settings(Environment environment) {
        return LoaderSettings.builder(environment).portal(PortalEndpoint.parse(api.endpoint())).home(home)
                .tuning(FAST);
    }

    /** Starts a loader into the harness's image (and makes it the listener's host loader when lazy). */
    ConfigSource start(LoaderSettings settings) {
        ConfigSource source = ConfigLoaders.start(gw.vertx, settings, gw.images, gw.builder);
        source.hostLoader().ifPresent(l -> gw.hostLoader = l);
        sources.add(source);
        return source;
    }

    /**
     * Product {@code id} on {@code host}: one rule ({@code GET /} → hits), the fake upstream behind it,
     * and an application with the user key {@code key-<id>} in the meter.
     */
    ProductJson product(long id, String host) {
        gw.meter.service(id).plan(id * 10, id).userKeyApp(id * 100, id, id * 10, "key-" + id).publish();
        return ProductJson.product(id, host).apiBackend(gw.upstream.url()).rule("GET", "/", "hits");
    }

    /** A request with product {@code id}'s key. */
    GatewayHarness.Response get(String host, long id) {
        return gw.get(host, "/?user_key=key-" + id);
    }

    @Override
    public void close() {
        try {
            for (ConfigSource s : sources) {
                s.close().await();
            }
            api.close();
            gw.close();
        } finally {
            logs.close();
        }
        assertThat(logs.lines()).noneMatch(l -> l.contains(FakeAdminApi.TOKEN));
    }
}
