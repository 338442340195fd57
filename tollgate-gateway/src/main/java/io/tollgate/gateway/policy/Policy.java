package io.tollgate.gateway.policy;

import io.tollgate.gateway.pipeline.Exchange;

/**
 * One policy of a product's chain: a small object with a method per phase it takes part in. The
 * gateway runs each phase over the chain in order; a request phase method either calls
 * {@link Exchange#proceed()} (now or later, from any thread) to let the next policy run, or answers
 * the request itself with {@link Exchange#respond} and does not proceed. Only the methods a policy
 * overrides are called: the chain knows which phases each policy takes part in.
 *
 * <p>Phases, in the order they run (APIcast's, folded into five):
 * <ol>
 *   <li>{@link #onRewrite} — before credentials and mapping rules: rewrite the path, headers or
 *       query, answer early (maintenance, CORS preflight, IP filter, payload limits);
 *   <li>{@link #onAccess} — authentication, authorization, limits, metering;
 *   <li>{@link #onUpstream} — choose the upstream and the path it gets;
 *   <li>{@link #onResponse} — the response's status and headers (the upstream's, or the gateway's
 *       own error responses) before they go to the client; synchronous;
 *   <li>{@link #onLog} — after the response was sent; synchronous, must not block.
 * </ol>
 *
 * <p>Instances belong to one product's compiled configuration: they are shared by every request of
 * that product (on every event loop), so any state they keep must be thread-safe. {@link #close()} is
 * called when the configuration that created them is replaced.
 */
public interface Policy {

    default void onRewrite(Exchange exchange) {
        exchange.proceed();
    }

    default void onAccess(Exchange exchange) {
        exchange.proceed();
    }

    default void onUpstream(Exchange exchange) {
        exchange.proceed();
    }

    default void onResponse(Exchange exchange) {
    }

    default void onLog(Exchange exchange) {
    }

    /** Releases what the policy holds (connections, timers). */
    default void close() {
    }
}
