package io.tollgate.gateway.testing;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tollgate.gateway.image.ImageBuilder;
import io.tollgate.gateway.image.ImageHolder;
import io.tollgate.gateway.image.ProductSource;
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
    private final GatewayServer server;
    private final HttpClient client;
    private final int port;

    private GatewayHarness(GatewayOptions options) {
        vertx = Vertx.vertx();
        upstream = FakeUpstream.start(vertx);
        images = new ImageHolder("production", null);
        context = new PolicyContext(vertx, clock, meter.gatewayMeter(), url -> Redis.createClient(vertx, url), registry);
        builder = new ImageBuilder(PolicyRegistry.builtin(), context);
        server = new GatewayServer(vertx, images, options, new GatewayMetrics(registry, "production", images, clock));
        port = server.start("127.0.0.1", 0, 2).await();
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
    }

    public static GatewayHarness start() {
        return new GatewayHarness(GatewayOptions.builder().accessLog(false).build());
    }

    public static GatewayHarness start(GatewayOptions options) {
        return new GatewayHarness(options);
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
        RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port)
                .setURI(uri);
        return client.request(options).compose(request -> {
            request.authority(HostAndPort.parseAuthority(host, -1));
            headers.forEach(request::putHeader);
            return body == null ? request.send() : request.send(Buffer.buffer(body));
        }).compose(response -> response.body().map(b -> new Response(response.statusCode(),
                MultiMap.caseInsensitiveMultiMap().addAll(response.headers()), b.toString()))).await();
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
