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
 * copied, a header with a control character refused, the body streamed with back-pressure. A failure
 * before the client's response head is written becomes a 502 (504 on a timeout) that carries nothing
 * of the upstream's answer; after it, the client connection is cut so a truncated body never looks
 * complete.
 */
final class ResponseRelay {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseRelay.class);
    private static final String TEXT = "text/plain; charset=utf-8";

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
        if (!out.contains(HttpHeaders.CONTENT_LENGTH) && ex.request().version() == HttpVersion.HTTP_1_1) {
            response.setChunked(true);
        }
        // endOnFailure(false): a failed upstream body must not end the client's response as if complete.
        upstream.pipe().endOnFailure(false).to(response).onComplete(done -> {
            if (done.failed()) {
                bodyFailed(ex, target, done.cause());
            }
            ex.finish();
        });
    }

    private static void bodyFailed(Exchange ex, UpstreamTarget target, Throwable cause) {
        HttpServerResponse response = ex.response();
        if (response.ended()) {
            return;
        }
        if (!response.headWritten()) {
            LOG.warn("upstream {} of {} failed (body error): {}", target.url(), ex.product().config().label(),
                    cause.toString());
            response.headers().clear();
            response.setChunked(false);
            response.setStatusCode(502).putHeader(HttpHeaders.CONTENT_TYPE, TEXT).end("Bad Gateway\n");
            return;
        }
        LOG.warn("upstream {} of {} failed midway through the body: {}", target.url(), ex.product().config().label(),
                cause.toString());
        if (ex.request().version() == HttpVersion.HTTP_2) {
            response.reset();
        } else {
            ex.request().connection().close();
        }
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
