package io.tollgate.gateway.server;

import static java.util.Objects.requireNonNull;

import io.tollgate.gateway.config.ProductConfig;
import io.tollgate.gateway.image.CompiledProduct;
import io.tollgate.gateway.image.GatewayImage;
import io.tollgate.gateway.image.ImageHolder;
import io.tollgate.gateway.metrics.GatewayMetrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens and closes the products' own listener ports ({@code proxy.listener}) as an environment's images
 * change. The image decides which product a port serves (the swap is atomic: the next request on the
 * port sees the new product); this class only keeps the set of open ports in line with the image. A
 * port that cannot be bound is one ERROR line, and its product is reported {@code failed} in
 * {@link #status()} while the other listeners keep serving; it is tried again with the next image. A
 * port the image no longer has stops accepting connections at once; its requests in flight finish.
 *
 * <p>All state changes run on one Vert.x context; {@link #status()} may be read from any thread.
 */
public final class ListenerManager {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerManager.class);
    /** A port a stopping listener still holds is tried again this often, this many times. */
    private static final long RETRY_MILLIS = 100;
    private static final int RETRIES = 20;

    /** What a listener port is doing. */
    public enum State { STARTING, SERVING, FAILED }

    /**
     * One listener, for {@code /status/info}.
     *
     * @param url {@code http://0.0.0.0:8081}
     * @param product the label of the product it serves
     * @param error why it is not serving, or null
     */
    public record Status(int port, String url, String product, State state, String error) {
    }

    private record Open(ProductConfig.Listener spec, GatewayServer server, State state, String error) {
    }

    private final Vertx vertx;
    private final ImageHolder images;
    private final GatewayOptions options;
    private final GatewayMetrics metrics;
    private final int instances;
    private final Context context;
    private final Map<Integer, Open> open = new HashMap<>();
    private volatile List<Status> status = List.of();
    private volatile Future<Void> settled = Future.succeededFuture();
    private boolean closed;

    /**
     * @param options the gateway's options (each listener gets them with its own TLS settings)
     * @param instances event loops per listener
     */
    public ListenerManager(Vertx vertx, ImageHolder images, GatewayOptions options, GatewayMetrics metrics,
            int instances) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.images = requireNonNull(images, "images");
        this.options = requireNonNull(options, "options");
        this.metrics = requireNonNull(metrics, "metrics");
        this.instances = Math.max(1, instances);
        this.context = vertx.getOrCreateContext();
    }

    /** Follows the holder's images from now on, starting with the current one. */
    public ListenerManager start() {
        images.onPublish(this::apply);
        apply(images.current());
        return this;
    }

    /** Completes once the listeners of the latest image seen have been opened or have failed to open. */
    public Future<Void> settled() {
        return settled;
    }

    /** Every listener of the current image, by port. */
    public List<Status> status() {
        return status;
    }

    private void apply(GatewayImage image) {
        Promise<Void> done = Promise.promise();
        settled = done.future();
        context.runOnContext(v -> reconcile(image).onComplete(r -> done.tryComplete()));
    }

    private Future<Void> reconcile(GatewayImage image) {
        if (closed) {
            return Future.succeededFuture();
        }
        Map<Integer, ProductConfig.Listener> desired = new HashMap<>();
        image.byPort().forEach((port, product) -> desired.put(port, product.config().listener()));
        for (Integer port : List.copyOf(open.keySet())) {
            Open o = open.get(port);
            if (!o.spec().equals(desired.get(port))) {
                open.remove(port);
                stop(o, port);
            }
        }
        List<Future<Void>> starts = new ArrayList<>();
        desired.forEach((port, spec) -> {
            Open o = open.get(port);
            if (o == null || o.state() == State.FAILED) {
                starts.add(start(spec, 0));
            }
        });
        publishStatus();
        return Future.join(starts).mapEmpty();
    }

    private Future<Void> start(ProductConfig.Listener spec, int attempt) {
        GatewayOptions own = options.toBuilder().tls(spec.certificate(), spec.key())
                .tlsPem(spec.certificatePem(), spec.keyPem()).build();
        GatewayServer server = GatewayServer.forListener(vertx, images, own, metrics, spec.port());
        open.put(spec.port(), new Open(spec, server, State.STARTING, null));
        Promise<Void> done = Promise.promise();
        server.start(spec.address(), spec.port(), instances).onComplete(r -> context.runOnContext(v -> {
            Open current = open.get(spec.port());
            if (current == null || current.server() != server) {
                server.stop(); // the image moved on while it started
                done.complete();
                return;
            }
            if (r.succeeded()) {
                open.put(spec.port(), new Open(spec, server, State.SERVING, null));
                LOG.info("{} API instance {} listening on {}", images.environment(), label(spec.port()), spec.url());
                publishStatus();
                done.complete();
            } else if (inUse(r.cause()) && attempt < RETRIES) {
                // A listener of the previous image may still be letting go of the port.
                vertx.setTimer(RETRY_MILLIS, id -> context.runOnContext(w -> {
                    if (open.get(spec.port()) == current) {
                        start(spec, attempt + 1).onComplete(x -> done.complete());
                    } else {
                        done.complete();
                    }
                }));
            } else {
                String error = rootMessage(r.cause());
                open.put(spec.port(), new Open(spec, server, State.FAILED, error));
                LOG.error("{} cannot listen on {} for API instance {}: {}; that API instance is not served (the others"
                        + " are)", images.environment(), spec.url(), label(spec.port()), error);
                publishStatus();
                done.complete();
            }
        }));
        return done.future();
    }

    private void stop(Open o, int port) {
        if (o.state() == State.FAILED) {
            return;
        }
        LOG.info("{} closes listener {} (no API instance on it any more, or its settings changed)",
                images.environment(), o.spec().url());
        o.server().stop().onFailure(e -> LOG.warn("{} listener {} did not stop cleanly: {}", images.environment(),
                o.spec().url(), e.toString()));
    }

    private String label(int port) {
        CompiledProduct product = images.current().onPort(port);
        return product == null ? "on port " + port : product.config().label();
    }

    private void publishStatus() {
        List<Status> list = new ArrayList<>();
        new TreeMap<>(open).forEach((port, o) -> list.add(new Status(port, o.spec().url(), label(port), o.state(),
                o.error())));
        status = List.copyOf(list);
    }

    private static boolean inUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException || (t.getMessage() != null
                    && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** Stops every listener (shutdown); the images are not followed any more. */
    public Future<Void> close() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            closed = true;
            List<Future<Void>> stops = new ArrayList<>();
            open.values().stream().filter(o -> o.state() != State.FAILED).forEach(o -> stops.add(o.server().stop()));
            open.clear();
            publishStatus();
            Future.join(stops).onComplete(r -> done.complete());
        });
        return done.future();
    }
}
