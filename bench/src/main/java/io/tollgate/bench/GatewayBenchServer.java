package io.tollgate.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tollgate.gateway.image.ImageBuilder;
import io.tollgate.gateway.image.ImageHolder;
import io.tollgate.gateway.meter.InProcessMeter;
import io.tollgate.gateway.metrics.GatewayMetrics;
import io.tollgate.gateway.policy.PolicyContext;
import io.tollgate.gateway.policy.PolicyRegistry;
import io.tollgate.gateway.server.GatewayOptions;
import io.tollgate.gateway.server.GatewayServer;
import io.tollgate.meter.CounterStore;
import io.tollgate.meter.GuardSettings;
import io.tollgate.meter.GuardedCounterStore;
import io.tollgate.meter.MemoryCounterStore;
import io.tollgate.meter.RedisCounterStore;
import io.tollgate.meter.RedisSettings;
import io.tollgate.meter.config.LocalMeterConfig;
import io.tollgate.meter.engine.Meter;
import io.tollgate.meter.stats.MemoryUsageStats;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.redis.client.Redis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * The gateway as bench/gateway.sh measures it: the real listener, policy chain and in-process meter
 * over the {@link GatewayFixture} products, with counters in memory or in Redis. Prints
 * {@code ready <port> <products> <build ms>} when it serves, then runs until killed.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.tollgate.bench.GatewayBenchServer
 *     --port=18083 --upstream=http://127.0.0.1:18081 [--products=1] [--redis=redis://127.0.0.1:6379]</pre>
 */
public final class GatewayBenchServer {
    private GatewayBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(arg(args, "port", "18083"));
        String upstream = arg(args, "upstream", "http://127.0.0.1:18081");
        int products = Integer.parseInt(arg(args, "products", "1"));
        String redisUrl = arg(args, "redis", "");
        int instances = Integer.parseInt(arg(args, "instances", Integer.toString(Runtime.getRuntime().availableProcessors())));
        long firstAppId = Long.parseLong(arg(args, "first-app-id", Long.toString(9_000_000_000L + System.nanoTime() % 1_000_000 * 1000)));

        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        Clock clock = Clock.systemUTC();
        GatewayFixture fixture = new GatewayFixture(products, upstream, firstAppId);
        LocalMeterConfig replica = new LocalMeterConfig();
        replica.publish(fixture.snapshot());
        CounterStore store = new MemoryCounterStore();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        if (!redisUrl.isEmpty()) {
            RedisSettings settings = RedisSettings.parse(redisUrl, null, null, null);
            RedisCounterStore redisStore = new RedisCounterStore(vertx, settings);
            redisStore.preload(Duration.ofSeconds(3)).toCompletableFuture().get();
            store = new GuardedCounterStore(redisStore, GuardSettings.parse(null, null, null), registry);
        }
        Meter meter = new Meter(replica, store, new MemoryUsageStats(), clock);
        PolicyContext context = new PolicyContext(vertx, clock, new InProcessMeter(meter, clock),
                url -> Redis.createClient(vertx, url), registry);
        ImageHolder images = new ImageHolder("production", vertx);
        long started = System.nanoTime();
        images.publish(new ImageBuilder(PolicyRegistry.builtin(), context).build(images.current(), fixture.sources(),
                "bench", Instant.now()));
        long buildMillis = (System.nanoTime() - started) / 1_000_000;
        GatewayOptions options = GatewayOptions.builder().accessLog(false).build();
        GatewayServer server = new GatewayServer(vertx, images, options,
                new GatewayMetrics(registry, "production", images, clock));
        int bound = server.start("127.0.0.1", port, instances).await();
        System.out.println("ready " + bound + " " + products + " " + buildMillis + " native=" + vertx.isNativeTransportEnabled());
        System.out.flush();
        ImageBuilder builder = new ImageBuilder(PolicyRegistry.builtin(), context);
        // Each line on stdin swaps in a new image: "one" changes product 0 only, "all" changes every product.
        try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in))) {
            String line;
            int generation = 0;
            int[] generations = new int[products];
            while ((line = in.readLine()) != null) {
                String what = line.trim();
                if (what.isEmpty()) {
                    continue;
                }
                generation++;
                java.util.Arrays.fill(generations, 0, what.equals("all") ? products : 1, generation);
                java.util.List<io.tollgate.gateway.image.ProductSource> sources = fixture.sources(generations);
                long t0 = System.nanoTime();
                ImageBuilder.Result result = builder.build(images.current(), sources, "bench", Instant.now());
                images.publish(result);
                System.out.println("swapped " + what + " compiled=" + result.compiled() + " ms="
                        + (System.nanoTime() - t0) / 1_000_000);
                System.out.flush();
            }
        }
        new CountDownLatch(1).await();
    }

    private static String arg(String[] args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith("--" + name + "=")) {
                return a.substring(name.length() + 3);
            }
        }
        return fallback;
    }
}
