package io.tollgate.dist;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tollgate.gateway.image.ImageBuilder;
import io.tollgate.gateway.image.ImageHolder;
import io.tollgate.gateway.loader.ConfigLoaders;
import io.tollgate.gateway.loader.ConfigSource;
import io.tollgate.gateway.loader.LoaderSettings;
import io.tollgate.gateway.management.ManagementServer;
import io.tollgate.gateway.meter.GatewayMeter;
import io.tollgate.gateway.metrics.GatewayMetrics;
import io.tollgate.gateway.policy.PolicyContext;
import io.tollgate.gateway.policy.PolicyRegistry;
import io.tollgate.gateway.server.GatewayOptions;
import io.tollgate.gateway.server.GatewayServer;
import io.tollgate.gateway.server.ListenerManager;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateways of one process: per environment a configuration loader, an image holder and a
 * listener; one management server over all of them; the Redis clients policies share.
 * {@link #close()} stops everything in reverse order.
 */
final class GatewayStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayStack.class);

    /**
     * One environment to serve.
     *
     * @param loader where its configuration comes from
     * @param port its traffic port (Host routing), or -1 for none (local mode: every API instance has a
     *     port of its own)
     */
    record Listener(LoaderSettings loader, int port) {
    }

    /** What a started environment answers on. */
    record Started(String environment, int port) {
    }

    private final Vertx vertx;
    private final List<ConfigSource> sources = new ArrayList<>();
    private final List<GatewayServer> servers = new ArrayList<>();
    private final List<ImageHolder> holders = new ArrayList<>();
    private final List<GatewayMetrics> metrics = new ArrayList<>();
    private final Map<String, ListenerManager> productListeners = new java.util.LinkedHashMap<>();
    private final Map<String, Redis> redisClients = new ConcurrentHashMap<>();
    private final List<Started> started = new ArrayList<>();
    private final List<io.vertx.core.Future<Void>> firstLoads = new ArrayList<>();
    private ManagementServer management;
    private int managementPort = -1;

    private GatewayStack(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Starts the listeners and the management server; their configurations load in the background
     * (the management server says when they are ready).
     *
     * @param meter what the apicast policy meters through
     * @param registry where metrics go (the management server scrapes it)
     * @param managementPort the management port, or -1 for none
     */
    static GatewayStack start(Vertx vertx, GatewayMeter meter, GatewayOptions options, List<Listener> listeners,
            String bind, int managementPort, PrometheusMeterRegistry registry) {
        GatewayStack stack = new GatewayStack(vertx);
        try {
            Clock clock = Clock.systemUTC();
            PolicyContext context = new PolicyContext(vertx, clock, meter, stack::redis, registry);
            ImageBuilder builder = new ImageBuilder(PolicyRegistry.builtin(), context);
            for (Listener l : listeners) {
                String environment = l.loader().environment().pathName();
                ImageHolder images = new ImageHolder(environment, vertx);
                stack.holders.add(images);
                ConfigSource source = ConfigLoaders.start(vertx, l.loader(), images, builder);
                stack.sources.add(source);
                stack.firstLoads.add(source.firstLoad());
                source.firstLoad().onFailure(e -> LOG.error("{} gateway has no configuration to serve yet: {}"
                        + " (it keeps trying; /status/ready says when it has one)", environment, e.getMessage()));
                GatewayMetrics metrics = new GatewayMetrics(registry, environment, images, clock);
                stack.metrics.add(metrics);
                int cores = Runtime.getRuntime().availableProcessors();
                stack.productListeners.put(environment, new ListenerManager(vertx, images, options, metrics, cores)
                        .start());
                int port = -1;
                if (l.port() >= 0) {
                    GatewayServer server = new GatewayServer(vertx, images, options, metrics,
                            source.hostLoader().orElse(null));
                    port = listen(() -> server.start(bind, l.port(), cores).await(), bind, l.port(),
                            environment + " gateway", portVariable(environment));
                    stack.servers.add(server);
                    LOG.info("{} gateway listening on {}:{}", environment, bind, port);
                }
                stack.started.add(new Started(environment, port));
            }
            if (managementPort >= 0) {
                stack.management = new ManagementServer(vertx, stack.holders, registry::scrape,
                        Version.current(), clock, stack.productListeners);
                stack.managementPort = listen(() -> stack.management.start(bind, managementPort).await(), bind,
                        managementPort, "the gateway management API", "TOLLGATE_MANAGEMENT_PORT");
            }
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private static String portVariable(String environment) {
        return environment.equals("staging") ? "TOLLGATE_STAGING_PORT" : "TOLLGATE_GATEWAY_PORT";
    }

    private interface Bind {
        int bind() throws Exception;
    }

    private static int listen(Bind bind, String host, int port, String what, String variable) {
        try {
            return bind.bind();
        } catch (Exception e) {
            if (Platform.isAddressInUse(e)) {
                throw new UserException("cannot listen on " + host + ":" + port + " for " + what + ": "
                        + Platform.rootMessage(e) + " (set " + variable + ")", e);
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** One client per Redis URL, shared by every policy that names it (rate_limit). */
    private Redis redis(String url) {
        return redisClients.computeIfAbsent(url, u -> Redis.createClient(vertx, new RedisOptions()
                .setConnectionString(u).setMaxPoolSize(8).setMaxPoolWaiting(1024)));
    }

    /** Each listener's first load, in listener order ({@link ConfigSource#firstLoad()}). */
    List<io.vertx.core.Future<Void>> firstLoads() {
        return List.copyOf(firstLoads);
    }

    /** Each environment's product listeners ({@code proxy.listener}, local mode's API instances). */
    Map<String, ListenerManager> productListeners() {
        return Map.copyOf(productListeners);
    }

    List<Started> started() {
        return List.copyOf(started);
    }

    /** Each environment's image holder, in the order of the listeners. */
    List<ImageHolder> holders() {
        return List.copyOf(holders);
    }

    /** Each environment's request metrics, in the order of the listeners. */
    List<GatewayMetrics> metrics() {
        return List.copyOf(metrics);
    }

    int managementPort() {
        return managementPort;
    }

    @Override
    public void close() {
        if (management != null) {
            management.stop().await();
        }
        for (GatewayServer s : servers) {
            s.stop().await();
        }
        for (ListenerManager l : productListeners.values()) {
            l.close().await();
        }
        for (ConfigSource s : sources) {
            s.close().await();
        }
        holders.forEach(ImageHolder::close);
        redisClients.values().forEach(Redis::close);
    }
}
