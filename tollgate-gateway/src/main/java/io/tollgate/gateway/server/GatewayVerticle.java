package io.tollgate.gateway.server;

import io.netty.channel.Channel;
import io.tollgate.gateway.image.HostLoader;
import io.tollgate.gateway.image.ImageHolder;
import io.tollgate.gateway.metrics.GatewayMetrics;
import io.tollgate.gateway.upstream.UpstreamProxy;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;

/**
 * One event loop's share of a gateway listener: its own HTTP server on the shared port, its own
 * upstream client (so a request and its upstream connection live on one thread), its own handler.
 * Every accepted connection gets a {@link ConnectionGuard} (header and idle timeouts) and, on
 * HTTP/1, the {@link StrictRequestDecoder}.
 */
final class GatewayVerticle extends VerticleBase {
    private final ImageHolder images;
    private final GatewayOptions options;
    private final GatewayMetrics metrics;
    private final String host;
    private final int port;
    private final HostLoader hostLoader;
    private final int listenerPort;
    private final java.time.Duration shutdownGrace;
    private HttpClient client;
    private HttpServer server;

    /**
     * @param listenerPort the product listener port this verticle serves, or -1 to route by Host
     * @param shutdownGrace how long requests in flight get to finish when the verticle stops
     */
    GatewayVerticle(ImageHolder images, GatewayOptions options, GatewayMetrics metrics, String host, int port,
            HostLoader hostLoader, int listenerPort, java.time.Duration shutdownGrace) {
        this.hostLoader = hostLoader;
        this.listenerPort = listenerPort;
        this.shutdownGrace = shutdownGrace;
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
                hostLoader, listenerPort);
        HttpServerOptions serverOptions = Transport.serverOptions(options).setHost(host).setPort(port);
        server = vertx.createHttpServer(serverOptions)
                .connectionHandler(this::guard)
                .invalidRequestHandler(handler::invalid)
                .requestHandler(handler);
        return server.listen().compose(s -> VertxInternals.onAccept(server,
                channel -> ConnectionGuard.install(channel, options, serverOptions.getHttp1Config(), metrics::rejected)));
    }

    /** Tells the connection's guard which protocol it speaks (TLS connections learn it here first). */
    private void guard(HttpConnection connection) {
        Channel channel = VertxInternals.channel(connection);
        ConnectionGuard guard = channel.attr(ConnectionGuard.KEY).get();
        if (guard == null) {
            return;
        }
        if (connection.protocolVersion() == HttpVersion.HTTP_2) {
            guard.http2(channel.pipeline());
        } else {
            guard.http1(channel.pipeline());
        }
    }

    /** The port the server is bound to. */
    int actualPort() {
        return server.actualPort();
    }

    @Override
    public Future<?> stop() {
        return server.shutdown(shutdownGrace).eventually(() -> client.close());
    }
}
