package io.tollgate.gateway.server;

import io.tollgate.gateway.image.ImageHolder;
import io.tollgate.gateway.metrics.GatewayMetrics;
import io.tollgate.gateway.upstream.UpstreamProxy;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import java.util.HashMap;
import java.util.Map;

/**
 * One event loop's share of a gateway listener: its own HTTP server on the shared port, its own
 * upstream client (so a request and its upstream connection live on one thread), its own handler.
 */
final class GatewayVerticle extends VerticleBase {
    private final ImageHolder images;
    private final GatewayOptions options;
    private final GatewayMetrics metrics;
    private final String host;
    private final int port;
    private final io.tollgate.gateway.image.HostLoader hostLoader;
    private HttpClient client;
    private HttpServer server;
    /** Connections that have not sent a complete request head yet, with their header timer. */
    private final Map<HttpConnection, Long> awaitingHead = new HashMap<>();

    GatewayVerticle(ImageHolder images, GatewayOptions options, GatewayMetrics metrics, String host, int port,
            io.tollgate.gateway.image.HostLoader hostLoader) {
        this.hostLoader = hostLoader;
        this.images = images;
        this.options = options;
        this.metrics = metrics;
        this.host = host;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        client = vertx.createHttpClient(Transport.clientOptions(options), Transport.poolOptions(options));
        RequestHandler handler = new RequestHandler(images, options, new UpstreamProxy(client, options), metrics,
                hostLoader);
        long headerTimeout = options.headerTimeout().toMillis();
        server = vertx.createHttpServer(Transport.serverOptions(options).setHost(host).setPort(port))
                .connectionHandler(connection -> {
                    long timer = vertx.setTimer(headerTimeout, id -> {
                        if (awaitingHead.remove(connection) != null) {
                            connection.close();
                        }
                    });
                    awaitingHead.put(connection, timer);
                    connection.closeHandler(v -> cancel(connection));
                })
                .requestHandler(request -> {
                    cancel(request.connection());
                    handler.handle(request);
                });
        return server.listen();
    }

    private void cancel(HttpConnection connection) {
        Long timer = awaitingHead.remove(connection);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }

    /** The port the server is bound to. */
    int actualPort() {
        return server.actualPort();
    }

    @Override
    public Future<?> stop() {
        return server.close().eventually(() -> client.close());
    }
}
