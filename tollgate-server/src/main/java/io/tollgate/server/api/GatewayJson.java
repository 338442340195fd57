package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.server.gateway.ConnectedApps;
import io.tollgate.server.gateway.GatewayRegistry;
import io.tollgate.server.gateway.Scope;
import io.tollgate.store.ConnectedAppDao.ConnectedApp;
import io.tollgate.store.GatewayDao.Gateway;

/** The JSON of registry entries, registrations and connected apps. */
final class GatewayJson {
    private GatewayJson() {
    }

    static ObjectNode gateway(GatewayRegistry.Entry entry) {
        Gateway g = entry.gateway();
        ObjectNode node = Representation.object().put("id", g.id()).put("name", g.name())
                .put("environment", g.environment()).put("status", entry.status())
                .put("connected_mode", g.connected()).put("version", g.version())
                .put("last_seen_at", g.lastSeenAt() == null ? null : Representation.timestamp(g.lastSeenAt()))
                .put("certificate_expires_at", Representation.timestamp(g.certificateExpiresAt()));
        Representation.timestamps(node, g.createdAt(), g.updatedAt());
        return node;
    }

    static ObjectNode registration(GatewayRegistry.Issued issued, String gatewayApiUrl) {
        Gateway g = issued.gateway();
        return Representation.wrap("registration", Representation.object().put("gateway_id", g.id())
                .put("name", g.name()).put("organization", String.valueOf(g.accountId()))
                .put("environment", g.environment()).put("connected", g.connected())
                .put("certificate", issued.certificatePem()).put("ca_bundle", issued.caBundlePem())
                .put("expires_at", Representation.timestamp(issued.expiresAt()))
                .put("gateway_api_url", gatewayApiUrl));
    }

    static ObjectNode connectedApp(ConnectedApp app) {
        ObjectNode node = Representation.object().put("id", app.id()).put("name", app.name())
                .put("client_id", app.clientId());
        ConnectedApps.scopes(app).stream().map(Scope::code).forEach(node.putArray("scopes")::add);
        if (!node.has("scopes")) {
            node.putArray("scopes");
        }
        node.put("created_at", Representation.timestamp(app.createdAt()));
        return node;
    }
}
