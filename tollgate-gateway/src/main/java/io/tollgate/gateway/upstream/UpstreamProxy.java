package io.tollgate.gateway.upstream;

import io.tollgate.gateway.config.ProductConfig.UpstreamSettings;
import io.tollgate.gateway.pipeline.Exchange;
import io.tollgate.gateway.policy.apicast.ApicastPolicy;
import io.tollgate.gateway.server.GatewayOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an exchange's request to its upstream over a pooled keep-alive connection and streams the
 * answer back, with back-pressure both ways (the client's body is read only as fast as the upstream
 * takes it, and the other way round).
 *
 * <p>Upstream gets: the path (after routing) under the upstream's base path, the query, the client's
 * headers minus hop-by-hop ones and {@code X-3scale-debug}; {@code Host} = routing's host header,
 * else {@code hostname_rewrite}, else the client's; {@code X-3scale-proxy-secret-token};
 * {@code X-Real-IP} and {@code X-Forwarded-For/-Proto/-Host/-Port}, the client's own replaced unless
 * its peer is a trusted proxy. Failures: no connection → 502, connect or read timeout → 504, a body
 * past the limit → 413 (the upstream request is reset), a broken response → 502 or a reset connection
 * once the response started ({@link ResponseRelay}).
 */
public final class UpstreamProxy {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamProxy.class);
    private static final String TEXT = "text/plain; charset=utf-8";

    private final HttpClient client;
    private final GatewayOptions options;

    public UpstreamProxy(HttpClient client, GatewayOptions options) {
        this.client = client;
        this.options = options;
    }

    /** Forwards the exchange (called once its request phases are done). */
    public void forward(Exchange ex) {
        UpstreamTarget target = ex.upstream();
        if (target == null) {
            LOG.error("no upstream for {} {} of {}: no api_backend and no routing rule matched", ex.method(), ex.path(),
                    ex.product().config().label());
            ex.respond(503, TEXT, "Service Unavailable: no upstream for this request\n");
            return;
        }
        HttpServerRequest request = ex.request();
        long declared = io.tollgate.gateway.http.Bodies.declaredLength(request);
        // The payload_limits policy may lower the listener's limit for this product.
        long limit = ex.maxRequestBodyBytes() < 0 ? options.maxBodyBytes()
                : Math.min(options.maxBodyBytes(), ex.maxRequestBodyBytes());
        if (declared > limit) {
            ex.respond(413, TEXT, "Payload Too Large\n");
            return;
        }
        String query = ex.query();
        String uri = target.pathFor(ex.upstreamPath());
        RequestOptions ro = new RequestOptions().setMethod(request.method()).setHost(target.host())
                .setPort(target.port()).setSsl(target.ssl()).setURI(query == null ? uri : uri + "?" + query)
                .setIdleTimeout(options.upstreamReadTimeout().toMillis());
        client.request(ro).onComplete(ar -> {
            if (ar.failed()) {
                ResponseRelay.failed(ex, target, ar.cause(), "connect");
                return;
            }
            HttpClientRequest upstream = ar.result();
            // Failures arrive through the response future; without a handler Vert.x also logs each
            // reset we cause ourselves (a body cut at the limit) as an error.
            upstream.exceptionHandler(e -> { });
            copyHeaders(ex, target, upstream);
            upstream.response().onComplete(r -> {
                if (r.failed()) {
                    ResponseRelay.failed(ex, target, r.cause(), "read");
                } else {
                    ResponseRelay.relay(ex, target, r.result());
                }
            });
            sendBody(ex, upstream, declared, limit);
        });
    }

    private void copyHeaders(Exchange ex, UpstreamTarget target, HttpClientRequest upstream) {
        HttpServerRequest request = ex.request();
        MultiMap in = ex.requestHeaders();
        MultiMap out = upstream.headers();
        Set<String> listed = HopByHop.listedIn(in);
        in.forEach((name, value) -> {
            if (HopByHop.is(name) || name.equalsIgnoreCase("host") || name.equalsIgnoreCase("expect")
                    || name.equalsIgnoreCase(ApicastPolicy.DEBUG_HEADER)
                    || (!listed.isEmpty() && listed.contains(name.toLowerCase(java.util.Locale.ROOT)))) {
                return;
            }
            out.add(name, value);
        });
        UpstreamSettings settings = ex.product().config().upstream();
        String host = ex.upstreamHost() != null ? ex.upstreamHost()
                : settings.hostnameRewrite() != null ? settings.hostnameRewrite()
                : request.authority() != null ? request.authority().toString() : target.authority();
        HostAndPort authority = HostAndPort.parseAuthority(host, -1);
        upstream.authority(authority != null ? authority : HostAndPort.authority(target.host(), target.port()));
        if (settings.secretToken() != null) {
            out.set("X-3scale-proxy-secret-token", settings.secretToken());
        } else {
            out.remove("X-3scale-proxy-secret-token");
        }
        Forwarded.apply(ex, out, options.trustedProxies());
    }

    private void sendBody(Exchange ex, HttpClientRequest upstream, long declared, long limit) {
        HttpServerRequest request = ex.request();
        Buffer buffered = ex.bufferedBody();
        if (buffered != null) {
            upstream.end(buffered);
            return;
        }
        if (request.isEnded() || !io.tollgate.gateway.http.Bodies.expected(request)) {
            upstream.end();
            return;
        }
        if (declared >= 0) {
            upstream.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(declared));
        } else {
            upstream.setChunked(true);
        }
        long[] seen = {0};
        request.handler(chunk -> {
            seen[0] += chunk.length();
            if (seen[0] > limit) {
                // Answer first: resetting the upstream request fails its response, which must not turn
                // into a 502.
                request.handler(null);
                boolean answered = ex.answered();
                if (!answered) {
                    ex.respond(413, TEXT, "Payload Too Large\n");
                }
                upstream.reset();
                if (answered) {
                    request.connection().close();
                }
                return;
            }
            upstream.write(chunk);
            if (upstream.writeQueueFull()) {
                request.pause();
                upstream.drainHandler(v -> request.resume());
            }
        });
        request.endHandler(v -> {
            if (seen[0] <= limit) {
                upstream.end();
            }
        });
        request.exceptionHandler(e -> {
            // A body the codec refused (a bad chunk) or a client gone mid-body: the upstream request is
            // cut, and the client, if still there, is told its request was bad.
            request.handler(null);
            boolean answered = ex.answered();
            if (!answered) {
                ex.respond(400, TEXT, "Bad Request: malformed request body\n");
            }
            upstream.reset();
            if (answered) {
                request.connection().close();
            }
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            request.response().writeContinue();
        }
        request.resume();
    }
}
