package io.tollgate.gateway.server;

import static java.util.Objects.requireNonNull;

import io.tollgate.gateway.image.HostLoader;
import io.tollgate.gateway.image.ImageHolder;
import io.tollgate.gateway.metrics.GatewayMetrics;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One environment's gateway listener: a {@link GatewayVerticle} per event loop on one port, all
 * reading the environment's {@link ImageHolder}. The traffic port routes by Host; a product's own
 * listener port ({@link #forListener}) serves that product only.
 */
public final class GatewayServer {
    private final Vertx vertx;
    private final ImageHolder images;
    private final GatewayOptions options;
    private final GatewayMetrics metrics;
    private final HostLoader hostLoader;
    private final int listenerPort;
    private final java.time.Duration shutdownGrace;
    private String deployment;

    /** A listener whose image is complete (boot or file loader). */
    public GatewayServer(Vertx vertx, ImageHolder images, GatewayOptions options, GatewayMetrics metrics) {
        this(vertx, images, options, metrics, null);
    }

    /**
     * @param hostLoader the lazy loader, consulted before each request is routed; null for none
     */
    public GatewayServer(Vertx vertx, ImageHolder images, GatewayOptions options, GatewayMetrics metrics,
            HostLoader hostLoader) {
        this(vertx, images, options, metrics, hostLoader, -1, java.time.Duration.ZERO);
    }

    private GatewayServer(Vertx vertx, ImageHolder images, GatewayOptions options, GatewayMetrics metrics,
            HostLoader hostLoader, int listenerPort, java.time.Duration shutdownGrace) {
        this.hostLoader = hostLoader;
        this.listenerPort = listenerPort;
        this.shutdownGrace = shutdownGrace;
        this.vertx = requireNonNull(vertx, "vertx");
        this.images = requireNonNull(images, "images");
        this.options = requireNonNull(options, "options");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    /**
     * The listener of the product whose {@code proxy.listener} port is {@code port}: every request it
     * accepts is that product's. Stopping it lets the requests in flight finish, for up to the upstream
     * read timeout.
     *
     * @param options the gateway's options, with the listener's own TLS settings
     */
    public static GatewayServer forListener(Vertx vertx, ImageHolder images, GatewayOptions options,
            GatewayMetrics metrics, int port) {
        return new GatewayServer(vertx, images, options, metrics, null, port,
                options.upstreamReadTimeout().plusSeconds(5));
    }

    /**
     * Starts listening; completes with the bound port. Vert.x shares one port among the servers of the
     * instances; port 0 means a free port, chosen first (tests).
     *
     * @param instances how many event loops serve (usually the core count)
     */
    public Future<Integer> start(String host, int requestedPort, int instances) {
        int port;
        try {
            port = requestedPort == 0 ? freePort(host) : requestedPort;
        } catch (java.io.IOException e) {
            return Future.failedFuture(e);
        }
        List<GatewayVerticle> verticles = new CopyOnWriteArrayList<>();
        return vertx.deployVerticle(() -> {
            GatewayVerticle v = new GatewayVerticle(images, options, metrics, host, port, hostLoader, listenerPort,
                    shutdownGrace);
            verticles.add(v);
            return v;
        }, new DeploymentOptions().setInstances(Math.max(1, instances))).map(id -> {
            deployment = id;
            int bound = verticles.get(0).actualPort();
            for (GatewayVerticle v : verticles) {
                if (v.actualPort() != bound) {
                    throw new IllegalStateException("gateway instances bound different ports: " + bound + ", "
                            + v.actualPort());
                }
            }
            return bound;
        });
    }

    private static int freePort(String host) throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }

    public Future<Void> stop() {
        return deployment == null ? Future.succeededFuture() : vertx.undeploy(deployment);
    }

    public ImageHolder images() {
        return images;
    }
}
