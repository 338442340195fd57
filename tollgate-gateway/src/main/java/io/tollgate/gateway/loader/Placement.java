package io.tollgate.gateway.loader;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.gateway.image.ProductSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of the server's products this gateway serves. A product placed on a registered gateway (an
 * API instance: {@code proxy.gateway = {"id": 7, "name": "edge-1"}}, docs/proxy-config-content.md) is
 * served by that gateway only, on its listener port; the others are left out of the image (another
 * gateway would otherwise open the same port for it). Products without a placement are served by
 * every gateway of the environment, routed by Host.
 */
final class Placement {
    /** The gateway id of a gateway that is not registered (control-plane mode, {@code tollgate up}). */
    static final long NONE = -1;

    private final long gatewayId;

    /** @param gatewayId this gateway's id in the registry, or {@link #NONE} */
    Placement(long gatewayId) {
        this.gatewayId = gatewayId;
    }

    /** The sources this gateway serves, in order. */
    List<ProductSource> mine(List<ProductSource> sources) {
        List<ProductSource> mine = null;
        for (int i = 0; i < sources.size(); i++) {
            ProductSource s = sources.get(i);
            boolean served = serves(s.content());
            if (!served && mine == null) {
                mine = new ArrayList<>(sources.subList(0, i));
            } else if (served && mine != null) {
                mine.add(s);
            }
        }
        return mine == null ? sources : mine;
    }

    /** Whether a product's configuration is this gateway's to serve. */
    boolean serves(JsonNode content) {
        JsonNode gateway = content.path("proxy").path("gateway");
        if (gateway.isMissingNode() || gateway.isNull()) {
            return true;
        }
        return gatewayId != NONE && gateway.path("id").canConvertToLong() && gateway.path("id").asLong() == gatewayId;
    }
}
