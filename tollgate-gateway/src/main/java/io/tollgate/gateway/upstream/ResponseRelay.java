package io.tollgate.gateway.upstream;

import io.netty.channel.ConnectTimeoutException;
import io.tollgate.gateway.pipeline.Exchange;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.StreamResetException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream's answer on its way to the client (reliability.md C5): status and end-to-end headers
 * copied, a header with a control character refused, the body streamed with back-pressure (a small one
 * of known length read whole and sent with the head). A failure
 * before the client's response head is written becomes a 502 (504 on a timeout) that carries nothing
 * of the upstream's answer; after it, the client connection is cut so a truncated body never looks
 * complete.
 */
final class ResponseRelay {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseRelay.class);
    private static final String TEXT = "text/plain; charset=utf-8";
    /** Responses up to this size with a declared length are read whole, then written in one go. */
    private static final int AGGREGATE_LIMIT = 16 * 1024;

    private ResponseRelay() {
    }

    static void relay(Exchange ex, UpstreamTarget target, HttpClientResponse upstream) {
        if (ex.answered()) {
            upstream.request().reset();
            return;
        }
        MultiMap in = upstream.headers();
        String bad = badHeader(in);
        if (bad != null) {
            upstream.request().reset();
            failed(ex, target, new IllegalStateException("control character in response header " + bad), "read");
            return;
        }
        long length = lengthOf(in);
        long maxResponse = ex.maxResponseBodyBytes();
        if (maxResponse >= 0 && length > maxResponse && !ex.method().equals("HEAD")) {
            // payload_limits: a declared body over the product's limit never reaches the client.
            upstream.request().reset();
            ex.respond(413, TEXT, "Payload Too Large: the upstream's response is over the limit\n");
            return;
        }
        HttpServerResponse response = ex.response();
        response.setStatusCode(upstream.statusCode());
        MultiMap out = response.headers();
        Set<String> listed = HopByHop.listedIn(in);
        in.forEach((name, value) -> {
            if (!HopByHop.is(name) && (listed.isEmpty() || !listed.contains(name.toLowerCase(Locale.ROOT)))) {
                out.add(name, value);
            }
        });
        ex.answeredByUpstream();
        ex.beforeResponse();
        // The client went away: stop reading from the upstream (the connection is not reused).
        response.closeHandler(v -> {
            if (!response.ended()) {
                upstream.request().reset();
                ex.finish();
            }
        });
        if (length >= 0 && length <= AGGREGATE_LIMIT) {
            // A small body of known length goes out in one write with the head (one flush, not two);
            // one that breaks is a clean 502, since nothing of it was written.
            upstream.body().onComplete(body -> {
                if (body.failed()) {
                    bodyFailed(ex, target, body.cause());
                } else if (!response.closed()) {
                    response.end(body.result()).onComplete(done -> ex.finish());
                }
            });
            return;
        }
        stream(ex, target, upstream, response, length >= 0 ? -1 : maxResponse);
    }

    /**
     * Copies the upstream's body to the client chunk by chunk, pausing the upstream while the client is
     * slow. A body without declared length that passes {@code limit} (payload_limits; -1: none) is cut:
     * the client's response is reset, never silently shortened.
     */
    private static void stream(Exchange ex, UpstreamTarget target, HttpClientResponse upstream,
            HttpServerResponse response, long limit) {
        if (!response.headers().contains(HttpHeaders.CONTENT_LENGTH) && ex.request().version() == HttpVersion.HTTP_1_1) {
            response.setChunked(true);
        }
        long[] seen = {0};
        upstream.handler(chunk -> {
            if (response.closed()) {
                return;
            }
            seen[0] += chunk.length();
            if (limit >= 0 && seen[0] > limit) {
                upstream.handler(null);
                response.reset(); // first: the client must see the response cut, not ended
                upstream.request().reset();
                ex.finish();
                return;
            }
            response.write(chunk);
            if (response.writeQueueFull()) {
                upstream.pause();
                response.drainHandler(v -> upstream.resume());
            }
        });
        upstream.exceptionHandler(error -> bodyFailed(ex, target, error));
        upstream.endHandler(v -> {
            if (!response.closed() && !response.ended()) {
                response.end().onComplete(done -> ex.finish());
            }
        });
        upstream.resume();
    }

    private static long lengthOf(MultiMap headers) {
        String value = headers.get(HttpHeaders.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The upstream's body broke: a 502 when nothing of the answer went out yet, else the client's
     * connection is closed (the stream reset on HTTP/2), never ended as if the body were complete.
     */
    private static void bodyFailed(Exchange ex, UpstreamTarget target, Throwable cause) {
        HttpServerResponse response = ex.response();
        if (response.ended() || response.closed()) {
            ex.finish();
            return;
        }
        if (!response.headWritten()) {
            LOG.warn("upstream {} of {} failed (body error): {}", target.url(), ex.product().config().label(),
                    describe(cause));
            response.headers().clear();
            response.setChunked(false);
            response.setStatusCode(502).putHeader(HttpHeaders.CONTENT_TYPE, TEXT).end("Bad Gateway\n")
                    .onComplete(done -> ex.finish());
            return;
        }
        LOG.warn("upstream response for {} {} of {} broke off midway through the body: {}", ex.method(), ex.path(),
                ex.product().config().label(), describe(cause));
        if (ex.request().version() == HttpVersion.HTTP_2) {
            response.reset();
        } else {
            ex.request().connection().close();
        }
        ex.finish();
    }

    /** The first header whose name or value holds a control character (bar HTAB in values), or null. */
    private static String badHeader(MultiMap headers) {
        for (var e : headers) {
            if (hasControl(e.getKey(), false) || hasControl(e.getValue(), true)) {
                return e.getKey();
            }
        }
        return null;
    }

    private static boolean hasControl(String s, boolean tabAllowed) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && !(tabAllowed && c == '\t')) || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** No answer came: 504 for a timeout, 502 for anything else; a response already under way is cut. */
    static void failed(Exchange ex, UpstreamTarget target, Throwable cause, String stage) {
        boolean timeout = isTimeout(cause);
        LOG.warn("upstream {} of {} failed ({} {}): {}", target.url(), ex.product().config().label(), stage,
                timeout ? "timeout" : "error", describe(cause));
        if (ex.answered()) {
            // Our own answer (a 400 or 413 that cut the upstream request) goes out whole; an upstream
            // answer cut midway must reach the client cut, not look complete.
            if (!ex.response().ended()) {
                ex.request().connection().close();
            }
            ex.finish();
            return;
        }
        ex.respond(timeout ? 504 : 502, TEXT, timeout ? "Gateway Timeout\n" : "Bad Gateway\n");
    }

    /** The exception and, when it wraps another, the innermost one: "PKIX path building failed…" is the news. */
    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == cause ? cause.toString() : cause + " (caused by " + root + ")";
    }

    private static boolean isTimeout(Throwable cause) {
        if (cause instanceof TimeoutException || cause instanceof ConnectTimeoutException) {
            return true;
        }
        if (cause instanceof StreamResetException) {
            return false;
        }
        String message = cause.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("timeout");
    }
}
