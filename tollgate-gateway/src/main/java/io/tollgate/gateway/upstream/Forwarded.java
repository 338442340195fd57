package io.tollgate.gateway.upstream;

import io.tollgate.gateway.pipeline.Exchange;
import io.tollgate.gateway.server.TrustedProxies;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/**
 * The forwarding headers the upstream gets. From an untrusted peer, whatever the client sent is
 * replaced: {@code X-Forwarded-For} and {@code X-Real-IP} are the peer's address,
 * {@code X-Forwarded-Proto/-Host/-Port} what this gateway saw. From a trusted proxy, the chain is
 * extended and the proxy's {@code -Proto/-Host/-Port} are kept.
 */
final class Forwarded {
    private Forwarded() {
    }

    static void apply(Exchange ex, MultiMap out, TrustedProxies trusted) {
        HttpServerRequest request = ex.request();
        String peer = request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
        boolean fromTrusted = trusted.trusts(peer);
        String chain = request.getHeader("X-Forwarded-For");
        out.set("X-Forwarded-For", fromTrusted && chain != null && !chain.isBlank() ? chain + ", " + peer : peer);
        out.set("X-Real-IP", ex.clientAddress());
        setUnlessTrusted(out, request, fromTrusted, "X-Forwarded-Proto", request.scheme());
        setUnlessTrusted(out, request, fromTrusted, "X-Forwarded-Host",
                request.authority() == null ? "" : request.authority().host());
        setUnlessTrusted(out, request, fromTrusted, "X-Forwarded-Port",
                request.localAddress() == null ? "" : Integer.toString(request.localAddress().port()));
    }

    private static void setUnlessTrusted(MultiMap out, HttpServerRequest request, boolean trusted, String name,
            String value) {
        if (trusted && request.getHeader(name) != null) {
            return;
        }
        out.set(name, value);
    }
}
