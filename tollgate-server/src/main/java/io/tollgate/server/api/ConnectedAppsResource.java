package io.tollgate.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.server.gateway.ConnectedApps;
import io.tollgate.server.http.ApiRequest;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;
import java.util.ArrayList;
import java.util.List;

/**
 * Connected apps of the tenant, {@code /admin/api/connected_apps}: create (the 201 is the only answer
 * that holds {@code client_secret}), list, show, delete.
 */
public final class ConnectedAppsResource implements Routes.Resource {
    private static final String BASE = "/admin/api/connected_apps";

    private final ConnectedApps apps;

    public ConnectedAppsResource(ConnectedApps apps) {
        this.apps = apps;
    }

    @Override
    public void register(Routes routes) {
        routes.post(BASE, r -> {
                    ConnectedApps.Created created = apps.create(r.accountId(),
                            GatewaysResource.text(r, "name").orElse(null), scopes(r));
                    return ApiResponse.created(Representation.wrap("connected_app",
                            GatewayJson.connectedApp(created.app()).put("client_secret", created.clientSecret())),
                            r.baseUrl() + BASE + "/" + created.app().id() + ".json");
                })
                .get(BASE, r -> ApiResponse.ok(Representation.list("connected_apps", "connected_app",
                        apps.list(r.accountId()), GatewayJson::connectedApp)))
                .get(BASE + "/:id", r -> ApiResponse.ok(Representation.wrap("connected_app",
                        GatewayJson.connectedApp(apps.find(r.accountId(), r.id("id"))))))
                .delete(BASE + "/:id", r -> {
                    apps.delete(r.accountId(), r.id("id"));
                    return ApiResponse.deleted();
                });
    }

    /** {@code scopes} as a JSON array, or one string of comma-separated scopes (form posts). */
    private static List<String> scopes(ApiRequest r) {
        JsonNode node = r.params().path("scopes");
        List<String> scopes = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(s -> scopes.add(s.asText()));
        } else if (node.isValueNode() && !node.asText().isBlank()) {
            for (String s : node.asText().split(",")) {
                if (!s.isBlank()) {
                    scopes.add(s.trim());
                }
            }
        }
        return scopes;
    }
}
