package io.tollgate.gateway.image;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Everything one environment's gateway serves, immutable and swapped whole: products by host (the
 * traffic port's lookup), by listener port (a product's own port: every request there is its) and by
 * id. A new configuration is a new image.
 *
 * @param byHost lower-cased host (no port) → product
 * @param byPort listener port → the product that declared it ({@code proxy.listener})
 * @param byId product id → product
 * @param generation increases with every image an environment publishes (1 for the first)
 * @param loadedAt when the image was built
 * @param source where the configuration came from, for logs and {@code /status/info}
 */
public record GatewayImage(Map<String, CompiledProduct> byHost, Map<Integer, CompiledProduct> byPort,
        Map<Long, CompiledProduct> byId, long generation, Instant loadedAt, String source) {

    public GatewayImage {
        byHost = Map.copyOf(byHost);
        byPort = Map.copyOf(byPort);
        byId = Map.copyOf(byId);
    }

    /** The image before any configuration was loaded: serves nothing, and the gateway is not ready. */
    public static GatewayImage empty() {
        return new GatewayImage(Map.of(), Map.of(), Map.of(), 0, Instant.EPOCH, "none");
    }

    /** The product answering for {@code host} (lower case, no port), or null. */
    public CompiledProduct find(String host) {
        return byHost.get(host);
    }

    /** The product whose listener is {@code port}, or null. */
    public CompiledProduct onPort(int port) {
        return byPort.get(port);
    }

    public Collection<CompiledProduct> products() {
        return byId.values();
    }

    /** Whether a configuration was ever loaded. */
    public boolean loaded() {
        return generation > 0;
    }
}
