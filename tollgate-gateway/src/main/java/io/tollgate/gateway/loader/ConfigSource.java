package io.tollgate.gateway.loader;

import io.tollgate.gateway.image.HostLoader;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * One environment's running configuration loader, as {@link ConfigLoaders#start} returns it. The
 * gateway is ready once its image is {@linkplain io.tollgate.gateway.image.GatewayImage#loaded() loaded}.
 */
public interface ConfigSource {

    /**
     * Completes once the environment has a configuration to serve (from the server, the last good
     * file or the local file); fails with a {@link LoadException} or {@link IllegalStateException}
     * saying why when the first attempt failed and there is nothing to serve. Loading goes on in the
     * background either way (a fixed file or a server that comes back is picked up); the launcher
     * decides whether to wait, serve unready or exit.
     */
    Future<Void> firstLoad();

    /** The lazy loader, which the gateway listener must consult before routing; empty for the others. */
    Optional<HostLoader> hostLoader();

    /** Stops loading (timers, notifications, the server connection); the current image stays. */
    Future<Void> close();
}
