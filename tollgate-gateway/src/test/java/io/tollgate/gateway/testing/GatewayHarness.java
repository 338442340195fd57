package io.tollgate.gateway.testing;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tollgate.gateway.image.HostLoader;
import io.tollgate.gateway.image.ImageBuilder;
import io.tollgate.gateway.image.ImageHolder;
import io.tollgate.gateway.image.ProductSource;
import io.tollgate.gateway.meter.GatewayMeter;
import io.tollgate.gateway.metrics.GatewayMetrics;
import io.tollgate.gateway.policy.PolicyContext;
import io.tollgate.gateway.policy.PolicyRegistry;
import io.tollgate.gateway.server.GatewayOptions;
import io.tollgate.gateway.server.GatewayServer;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.redis.client.Redis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A gateway listener for tests: real server on a free loopback port, real meter over memory
 * counters ({@link TestMeter}), a {@link FakeUpstream}, and a client that sets any Host.
 */
public final class GatewayHarness implements AutoCloseable {
    public static final Instant START = Instant.parse("2026-06-10T10:15:30Z");

    public final Vertx vertx;
    public final TestClock clock = new TestClock(START);
    public final TestMeter meter = new TestMeter(clock);
    public final FakeUpstream upstream;
    public final ImageHolder images;
    public final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    public final PolicyContext context;
    public final ImageBuilder builder;
    /** The listener's metrics (product listeners share them, as in the distribution). */
    public final GatewayMetrics metrics;
    private final GatewayServer server;
    private final HttpClient client;
    private final int port;

    /** The lazy loader the listener consults (set by the test once it started one); see {@link #startLazy}. */
    public volatile HostLoader hostLoader;

    private GatewayHarness(GatewayOptions options, java.util.function.UnaryOperator<GatewayMeter> meterWrapper,
            boolean lazy) {
        vertx = Vertx.vertx();
        upstream = FakeUpstream.start(vertx);
        images = new ImageHolder("production", null);
        context = new PolicyContext(vertx, clock, meterWrapper.apply(meter.gatewayMeter()),
                url -> Redis.createClient(vertx, new io.vertx.redis.client.RedisOptions().setConnectionString(url)
                        .setMaxPoolSize(8).setMaxPoolWaiting(1024)), registry);
        builder = new ImageBuilder(PolicyRegistry.builtin(), context);
        HostLoader delegate = !lazy ? null : new HostLoader() {
            @Override
            public boolean needsLoad(String host, io.tollgate.gateway.image.CompiledProduct current) {
                HostLoader l = hostLoader;
                return l != null && l.needsLoad(host, current);
            }

            @Override
            public io.vertx.core.Future<Void> load(String host) {
                return hostLoader.load(host);
            }
        };
        metrics = new GatewayMetrics(registry, "production", images, clock);
        server = new GatewayServer(vertx, images, options, metrics, delegate);
        port = server.start("127.0.0.1", 0, 2).await();
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
    }

    public static GatewayHarness start() {
        return new GatewayHarness(GatewayOptions.builder().accessLog(false).build(), m -> m, false);
    }

    public static GatewayHarness start(GatewayOptions options) {
        return new GatewayHarness(options, m -> m, false);
    }

    /** A harness whose policies use {@code meterWrapper} applied to the real meter (e.g. one that fails on demand). */
    public static GatewayHarness start(java.util.function.UnaryOperator<GatewayMeter> meterWrapper) {
        return new GatewayHarness(GatewayOptions.builder().accessLog(false).build(), meterWrapper, false);
    }

    /** A listener that asks {@link #hostLoader} (once set) before routing each request. */
    public static GatewayHarness startLazy() {
        return new GatewayHarness(GatewayOptions.builder().accessLog(false).build(), m -> m, true);
    }

    public int port() {
        return port;
    }

    /** Builds and publishes an image of exactly these products; returns what the build said. */
    public ImageBuilder.Result load(ProductJson... products) {
        List<ProductSource> sources = new ArrayList<>();
        for (ProductJson p : products) {
            sources.add(ProductSource.of(p.json(), 1));
        }
        ImageBuilder.Result result = builder.build(images.current(), sources, "test", clock.instant());
        images.publish(result);
        return result;
    }

    /** A response as the client got it. */
    public record Response(int status, MultiMap headers, String body) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    public Response get(String host, String uri) {
        return send(HttpMethod.GET, host, uri, Map.of(), null);
    }

    public Response send(HttpMethod method, String host, String uri, Map<String, String> headers, String body) {
        return send(port, method, host, uri, headers, body);
    }

    /** A request to another port of this gateway (a product's own listener). */
    public Response send(int toPort, HttpMethod method, String host, String uri, Map<String, String> headers,
            String body) {
        RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(toPort)
                .setURI(uri);
        // body() in the callback of send(): one level out it can come after the body has gone by (a
        // Vert.x 5 race that showed as gateway responses with an empty body).
        return client.request(options).compose(request -> {
            request.authority(HostAndPort.parseAuthority(host, -1));
            headers.forEach(request::putHeader);
            return (body == null ? request.send() : request.send(Buffer.buffer(body)))
                    .compose(response -> response.body().map(b -> new Response(response.statusCode(),
                            MultiMap.caseInsensitiveMultiMap().addAll(response.headers()), b.toString())));
        }).await();
    }

    @Override
    public void close() {
        client.close().await();
        server.stop().await();
        upstream.close();
        images.close();
        vertx.close().await();
    }
}
