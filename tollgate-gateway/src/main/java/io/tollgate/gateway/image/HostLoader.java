package io.tollgate.gateway.image;

import io.vertx.core.Future;

/**
 * Loads configuration per request host, for the {@code lazy} loader: the request path asks it before
 * routing, and waits for {@link #load} when {@link #needsLoad} says so. Boot and file loaders have none.
 */
public interface HostLoader {

    /**
     * Whether the configuration for {@code host} must be fetched before this request is routed.
     *
     * @param host the request's host (lower case, no port)
     * @param current the product the image has for it now, or null
     */
    boolean needsLoad(String host, CompiledProduct current);

    /**
     * Fetches the configuration for {@code host} and publishes it into the environment's image.
     * Completes (on any thread) when the image has it; fails when it could not be fetched, in which case
     * the request is served from whatever the image has.
     */
    Future<Void> load(String host);
}
