package io.tollgate.dist.gateway;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tollgate.gateway.image.ImageBuilder;
import io.tollgate.gateway.image.ImageHolder;
import io.tollgate.gateway.loader.ConfigLoaders;
import io.tollgate.gateway.loader.ConfigSource;
import io.tollgate.gateway.loader.LoaderSettings;
import io.tollgate.gateway.meter.GatewayMeter;
import io.tollgate.gateway.metrics.GatewayMetrics;
import io.tollgate.gateway.policy.PolicyContext;
import io.tollgate.gateway.policy.PolicyRegistry;
import io.tollgate.gateway.server.GatewayOptions;
import io.tollgate.gateway.server.GatewayServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.redis.client.Redis;
import java.time.Clock;

/**
 * One environment's gateway as the launcher wires it: an image holder, the loader its settings ask
 * for (its host loader given to the listener), and the listener on a free port.
 */
final class GatewayFixture implements AutoCloseable {
    /** A response as the client got it. */
    record Response(int status, String body) {
    }

    final ImageHolder images;
    final ConfigSource source;
    private final GatewayServer server;
    private final HttpClient client;
    private final int port;

    GatewayFixture(Vertx vertx, LoaderSettings settings, GatewayMeter meter) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        String environment = settings.environment().pathName();
        images = new ImageHolder(environment, vertx);
        ImageBuilder builder = new ImageBuilder(PolicyRegistry.builtin(), new PolicyContext(vertx, Clock.systemUTC(),
                meter, url -> Redis.createClient(vertx, url), registry));
        source = ConfigLoaders.start(vertx, settings, images, builder);
        server = new GatewayServer(vertx, images, GatewayOptions.builder().accessLog(false).build(),
                new GatewayMetrics(registry, environment, images, Clock.systemUTC()), source.hostLoader().orElse(null));
        port = server.start("127.0.0.1", 0, 1).await();
        client = vertx.createHttpClient();
    }

    /** GET {@code uri} with {@code Host: host}. */
    Response get(String host, String uri) {
        return client.request(new RequestOptions().setHost("127.0.0.1").setPort(port).setURI(uri))
                .compose(request -> {
                    request.authority(HostAndPort.create(host, -1));
                    // body() in the callback of send(): one level out it can miss the body (Vert.x 5 race)
                    return request.send().compose(response -> response.body()
                            .map(b -> new Response(response.statusCode(), b.toString())));
                })
                .await();
    }

    @Override
    public void close() {
        source.close().await();
        client.close().await();
        server.stop().await();
        images.close();
    }
}
