package io.tollgate.gateway.management;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.image.GatewayImage;
import io.tollgate.gateway.image.ImageHolder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The gateway's management port (never the traffic ports): {@code /status/live} (the process
 * answers), {@code /status/ready} (200 only once every environment served has loaded a
 * configuration, else 503), {@code /status/info} (version, configuration generation, size, age and
 * source per environment, and each product listener's port and state) and {@code /metrics} (Prometheus
 * text).
 */
public final class ManagementServer {
    private static final String JSON = "application/json; charset=utf-8";

    private final Vertx vertx;
    private final List<ImageHolder> environments;
    private final Supplier<String> metrics;
    private final String version;
    private final Clock clock;
    private final Instant started;
    private final java.util.Map<String, io.tollgate.gateway.server.ListenerManager> listeners;
    private HttpServer server;

    /**
     * @param environments the environments this process serves
     * @param metrics the Prometheus scrape
     * @param version the distribution's version
     */
    public ManagementServer(Vertx vertx, List<ImageHolder> environments, Supplier<String> metrics, String version,
            Clock clock) {
        this(vertx, environments, metrics, version, clock, java.util.Map.of());
    }

    /**
     * @param listeners each environment's product listeners, by environment name
     */
    public ManagementServer(Vertx vertx, List<ImageHolder> environments, Supplier<String> metrics, String version,
            Clock clock, java.util.Map<String, io.tollgate.gateway.server.ListenerManager> listeners) {
        this.listeners = java.util.Map.copyOf(listeners);
        this.vertx = requireNonNull(vertx, "vertx");
        this.environments = List.copyOf(environments);
        this.metrics = requireNonNull(metrics, "metrics");
        this.version = requireNonNull(version, "version");
        this.clock = requireNonNull(clock, "clock");
        this.started = clock.instant();
    }

    /** Starts listening; completes with the bound port. */
    public Future<Integer> start(String host, int port) {
        server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port));
        return server.requestHandler(this::handle).listen().map(HttpServer::actualPort);
    }

    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void handle(HttpServerRequest request) {
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            request.response().setStatusCode(405).putHeader("Allow", "GET, HEAD").end();
            return;
        }
        switch (request.path()) {
            case "/status/live" -> json(request, 200, JsonNodeFactory.instance.objectNode().put("status", "live"));
            case "/status/ready" -> ready(request);
            case "/status/info" -> json(request, 200, info());
            case "/metrics" -> request.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(metrics.get());
            default -> request.response().setStatusCode(404).end();
        }
    }

    private void ready(HttpServerRequest request) {
        boolean ready = environments.stream().allMatch(h -> h.current().loaded());
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("status", ready ? "ready" : "not ready");
        ObjectNode envs = body.putObject("environments");
        for (ImageHolder h : environments) {
            envs.put(h.environment(), h.current().loaded() ? "loaded" : "no configuration yet");
        }
        json(request, ready ? 200 : 503, body);
    }

    private ObjectNode info() {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("version", version)
                .put("uptime_seconds", Duration.between(started, clock.instant()).toSeconds());
        ObjectNode envs = body.putObject("environments");
        for (ImageHolder h : environments) {
            GatewayImage image = h.current();
            ObjectNode e = envs.putObject(h.environment()).put("loaded", image.loaded())
                    .put("generation", image.generation()).put("products", image.byId().size())
                    .put("source", image.source());
            if (image.loaded()) {
                e.put("loaded_at", image.loadedAt().toString())
                        .put("age_seconds", Duration.between(image.loadedAt(), clock.instant()).toSeconds());
            }
            io.tollgate.gateway.server.ListenerManager manager = listeners.get(h.environment());
            if (manager != null) {
                com.fasterxml.jackson.databind.node.ArrayNode list = e.putArray("listeners");
                for (io.tollgate.gateway.server.ListenerManager.Status l : manager.status()) {
                    ObjectNode entry = list.addObject().put("port", l.port()).put("url", l.url())
                            .put("product", l.product()).put("state", l.state().name().toLowerCase(java.util.Locale.ROOT));
                    if (l.error() != null) {
                        entry.put("error", l.error());
                    }
                }
            }
        }
        return body;
    }

    private static void json(HttpServerRequest request, int status, ObjectNode body) {
        request.response().setStatusCode(status).putHeader("Content-Type", JSON).end(body.toString());
    }
}
