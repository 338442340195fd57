package io.tollgate.gateway.server;

import io.tollgate.gateway.config.Hosts;
import io.tollgate.gateway.http.PathNormalizer;
import io.tollgate.gateway.image.CompiledProduct;
import io.tollgate.gateway.image.HostLoader;
import io.tollgate.gateway.image.ImageHolder;
import io.tollgate.gateway.log.AccessLog;
import io.tollgate.gateway.metrics.GatewayMetrics;
import io.tollgate.gateway.pipeline.Exchange;
import io.tollgate.gateway.upstream.UpstreamProxy;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's request path, up to the policy chain: the HTTP/2 header count and the declared-body
 * limit (HTTP/1 heads were checked by the {@link StrictRequestDecoder}; what it refused arrives at
 * {@link #invalid}), the product by Host (lower case, port removed; none → 404 with an empty body and
 * the log line {@code service not found for host <host>}), path normalization (→ 400), the client's
 * address; then
 * the {@link Exchange} runs the product's chain and the {@link UpstreamProxy} forwards it. One
 * instance per event loop.
 *
 * <p>On a product's own listener port the product is the one whose {@code proxy.listener} is that port,
 * whatever the Host (none any more, after a reload removed it: 404 with an empty body and the log line
 * {@code no API instance on port <port>}).
 */
public final class RequestHandler implements Handler<HttpServerRequest>, Exchange.Services {
    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);
    private static final String TEXT = "text/plain; charset=utf-8";

    private final ImageHolder images;
    private final GatewayOptions options;
    private final PathNormalizer normalizer;
    private final UpstreamProxy proxy;
    private final GatewayMetrics metrics;
    private final RateLimitedLog unknownHostLog = new RateLimitedLog(LOG, 10);
    private final boolean accessLog;
    private final HostLoader hostLoader;
    private final int listenerPort;

    /**
     * @param hostLoader the lazy loader, or null when the image is complete (boot, file)
     * @param listenerPort the listener port whose product serves every request, or -1 to route by Host
     */
    public RequestHandler(ImageHolder images, GatewayOptions options, UpstreamProxy proxy, GatewayMetrics metrics,
            HostLoader hostLoader, int listenerPort) {
        this.hostLoader = hostLoader;
        this.listenerPort = listenerPort;
        this.images = images;
        this.options = options;
        this.normalizer = new PathNormalizer(options.escapedSlashes(), options.mergeSlashes());
        this.proxy = proxy;
        this.metrics = metrics;
        this.accessLog = options.accessLog();
    }

    @Override
    public void handle(HttpServerRequest request) {
        // HTTP/1 heads were counted by the StrictRequestDecoder already; HTTP/2 ones are counted here.
        if (request.version() == HttpVersion.HTTP_2 && headerCount(request) > options.maxHeaders()) {
            refuse(request, 431, "Request Header Fields Too Large", "too many headers", null);
            return;
        }
        String host = request.authority() == null ? null : Hosts.ofHeader(request.authority().host());
        if (listenerPort >= 0) {
            onListener(request, host == null ? "" : host);
            return;
        }
        if (host == null || host.isEmpty()) {
            refuse(request, 400, "Bad Request: missing Host", "missing host", null);
            return;
        }
        CompiledProduct product = images.current().find(host);
        if (hostLoader != null && hostLoader.needsLoad(host, product)) {
            if (io.tollgate.gateway.http.Bodies.expected(request)) {
                request.pause();
            }
            io.vertx.core.Context context = Vertx.currentContext();
            hostLoader.load(host).onComplete(loaded -> context.runOnContext(
                    v -> route(request, host, images.current().find(host))));
            return;
        }
        route(request, host, product);
    }

    /** Serves the request with the listener port's product (or 404 when the port has none any more). */
    private void onListener(HttpServerRequest request, String host) {
        CompiledProduct product = images.current().onPort(listenerPort);
        if (product == null) {
            unknownHostLog.warn("no API instance on port {}", listenerPort);
            refuse(request, 404, null, "no API instance on port", host);
            return;
        }
        route(request, host, product);
    }

    /** Serves the request with the product its host belongs to (or 404 when there is none). */
    private void route(HttpServerRequest request, String host, CompiledProduct product) {
        if (product == null) {
            metrics.unknownHost();
            unknownHostLog.warn("service not found for host {}", host);
            refuse(request, 404, null, "unknown host", host);
            return;
        }
        String path;
        try {
            path = normalizer.normalize(request.path() == null ? "" : request.path());
        } catch (PathNormalizer.InvalidPathException e) {
            refuse(request, 400, "Bad Request: " + e.getMessage(), e.getMessage(), host);
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && exceeds(length, options.maxBodyBytes())) {
            refuse(request, 413, "Payload Too Large", "body too large", host);
            return;
        }
        if (io.tollgate.gateway.http.Bodies.expected(request)) {
            request.pause();
        }
        String peer = request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
        String client = options.trustedProxies().clientAddress(peer, request.getHeader("X-Forwarded-For"));
        new Exchange(request, Vertx.currentContext(), product, this, client, path, request.query()).start();
    }

    /**
     * A request the codec or the {@link StrictRequestDecoder} refused: 400, or the status the refusal
     * names (414, 431, 501, 505); the connection closes, since its framing cannot be trusted.
     */
    public void invalid(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status = statusOf(cause);
        String reason = cause == null || cause.getMessage() == null ? "invalid request" : cause.getMessage();
        metrics.rejected();
        HttpServerResponse response = request.response();
        response.setStatusCode(status);
        response.headers().set(HttpHeaders.CONNECTION, HttpHeaders.CLOSE).set(HttpHeaders.CONTENT_TYPE, TEXT);
        response.end(response.getStatusMessage() + "\n").onComplete(done -> request.connection().close());
        if (accessLog) {
            String peer = request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
            AccessLog.logRefused(images.environment(), request.method().name(), null, status, reason, peer);
        }
    }

    private static int statusOf(Throwable cause) {
        if (cause instanceof io.tollgate.gateway.http.HeadScanner.RejectedHead rejected) {
            return rejected.status();
        }
        if (cause instanceof io.netty.handler.codec.http.TooLongHttpLineException) {
            return 414;
        }
        if (cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException) {
            return 431;
        }
        return 400;
    }

    private static int headerCount(HttpServerRequest request) {
        int[] n = {0};
        request.headers().forEach((k, v) -> n[0]++);
        return n[0];
    }

    private static boolean exceeds(String length, long max) {
        try {
            return Long.parseLong(length.trim()) > max;
        } catch (NumberFormatException e) {
            return false; // the codec refused invalid lengths already
        }
    }

    /** Answers before any product is involved; the connection closes when the body was not read. */
    private void refuse(HttpServerRequest request, int status, String body, String reason, String host) {
        metrics.rejected();
        HttpServerResponse response = request.response();
        response.setStatusCode(status);
        if (io.tollgate.gateway.http.Bodies.expected(request) && request.version() != HttpVersion.HTTP_2) {
            response.headers().set(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        if (body == null) {
            response.end();
        } else {
            response.headers().set(HttpHeaders.CONTENT_TYPE, TEXT);
            response.end(body + "\n");
        }
        if (accessLog) {
            String peer = request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
            AccessLog.logRefused(images.environment(), request.method().name(), host, status, reason, peer);
        }
    }

    @Override
    public void forward(Exchange exchange) {
        proxy.forward(exchange);
    }

    @Override
    public void completed(Exchange exchange) {
        int status = exchange.response().getStatusCode();
        metrics.request(exchange.product().config().id(), status, exchange.elapsedNanos(), exchange.upstreamNanos(),
                exchange.meterNanos());
        if (exchange.authorization() != null
                && exchange.authorization().outcome() == io.tollgate.gateway.meter.Authorization.Outcome.UNAVAILABLE) {
            metrics.meterFailure();
        }
        if (accessLog) {
            AccessLog.log(images.environment(), exchange, exchange.request().authority() == null ? null
                    : exchange.request().authority().host());
        }
    }

    @Override
    public long maxBufferedBody() {
        return Math.min(options.maxBodyBytes(), 1024 * 1024);
    }
}
