package io.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.Json;
import java.util.List;
import java.util.Map;

/**
 * The tenant's connected apps ({@code /admin/api/connected_apps}): client ids and secrets with scopes,
 * for unattended certificate renewal. The secret is in the creation's answer only.
 */
public final class ConnectedApps {
    static final String BASE = "/admin/api/connected_apps";

    private final AdminClient client;

    ConnectedApps(AdminClient client) {
        this.client = client;
    }

    /** Creates an app with {@code scopes} (codes or labels); the answer holds {@code client_secret}. */
    public JsonNode create(String name, List<String> scopes) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("name", name);
        scopes.forEach(body.putArray("scopes")::add);
        return client.post(BASE, body).path("connected_app");
    }

    public List<JsonNode> list() {
        return client.list(BASE, Map.of(), "connected_apps", "connected_app");
    }

    /** Deletes the app with id {@code id}: its secret stops working at once. */
    public void delete(long id) {
        client.delete(BASE + "/" + id);
    }
}
