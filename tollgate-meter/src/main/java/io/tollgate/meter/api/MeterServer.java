package io.tollgate.meter.api;

import static java.util.Objects.requireNonNull;

import io.tollgate.meter.engine.MeterEngine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the Service Management API ({@link ServiceManagementApi}) for one {@link MeterEngine} on a
 * host and port, for gateways that are not in this process (APIcast, or a Tollgate gateway configured
 * with a remote meter).
 *
 * <p>Limits: request line ({@link Options#maxInitialLineLength()}, 414 beyond), headers
 * ({@link Options#maxHeaderBytes()}, 431 beyond) and body ({@link Options#maxBodyBytes()}, 400
 * {@code bad_request} beyond). The request line is generous because authorize calls carry every
 * parameter in the query string (apisonator's Puma accepts 12 KiB). Requests are not logged: their
 * parameters are credentials.
 */
public final class MeterServer {
    private static final Logger LOG = LoggerFactory.getLogger(MeterServer.class);

    /**
     * Where to listen and how much a request may carry.
     *
     * @param host the address to bind
     * @param port the port, 0 for any free one
     * @param maxInitialLineLength the longest request line (method, path and query), in characters
     * @param maxHeaderBytes the largest header block
     * @param maxBodyBytes the largest body
     */
    public record Options(String host, int port, int maxInitialLineLength, int maxHeaderBytes, int maxBodyBytes) {
        /** Checks the values. */
        public Options {
            requireNonNull(host, "host");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
            }
            if (maxInitialLineLength < 256) {
                throw new IllegalArgumentException("maxInitialLineLength: " + maxInitialLineLength + " (expected: >= 256)");
            }
            if (maxHeaderBytes < 256) {
                throw new IllegalArgumentException("maxHeaderBytes: " + maxHeaderBytes + " (expected: >= 256)");
            }
            if (maxBodyBytes < 0) {
                throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: >= 0)");
            }
        }

        /** {@code host:port} with 16 KiB request lines, 16 KiB of headers and 1 MiB bodies. */
        public static Options of(String host, int port) {
            return new Options(host, port, 16 * 1024, 16 * 1024, ServiceManagementApi.DEFAULT_MAX_BODY_BYTES);
        }
    }

    private final Vertx vertx;
    private final Options options;
    private final ServiceManagementApi api;
    private final java.util.function.Supplier<String> metrics;
    private HttpServer server;

    /**
     * @param vertx the Vert.x instance whose event loops serve the requests
     * @param engine answers every call
     * @param clock the time for the limit headers
     * @param version reported by {@code GET /status}
     * @param options where to listen and the limits
     */
    public MeterServer(Vertx vertx, MeterEngine engine, Clock clock, String version, Options options) {
        this(vertx, engine, clock, version, options, null);
    }

    /**
     * A server that also answers {@code GET /metrics} with {@code metrics} (Prometheus text format), e.g.
     * the counter store's state and failures.
     */
    public MeterServer(Vertx vertx, MeterEngine engine, Clock clock, String version, Options options,
            java.util.function.Supplier<String> metrics) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.options = requireNonNull(options, "options");
        this.api = new ServiceManagementApi(engine, clock, version, options.maxBodyBytes());
        this.metrics = metrics;
    }

    /** The version in this jar's manifest, or {@code development} when run from classes. */
    public static String version() {
        String version = MeterServer.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    /** Starts listening; completes with the bound port. */
    public synchronized Future<Integer> start() {
        if (server != null) {
            return Future.failedFuture(new IllegalStateException("the Service Management API is already started"));
        }
        HttpServerOptions http = new HttpServerOptions().setHost(options.host()).setPort(options.port())
                .setMaxInitialLineLength(options.maxInitialLineLength()).setMaxHeaderSize(options.maxHeaderBytes())
                .setHandle100ContinueAutomatically(true).setCompressionSupported(false);
        server = vertx.createHttpServer(http).requestHandler(request -> {
            if (metrics != null && request.method() == io.vertx.core.http.HttpMethod.GET
                    && "/metrics".equals(request.path())) {
                request.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(metrics.get());
            } else {
                api.handle(request);
            }
        });
        return server.listen().map(HttpServer::actualPort)
                .onSuccess(port -> LOG.info("Service Management API listening on http://{}:{}", options.host(), port))
                .onFailure(e -> LOG.error("Service Management API could not listen on {}:{}: {}", options.host(),
                        options.port(), e.getMessage()));
    }

    /** Stops listening and closes open connections; completes at once when not started. */
    public synchronized Future<Void> close() {
        HttpServer running = server;
        server = null;
        return running == null ? Future.succeededFuture() : running.close();
    }
}
