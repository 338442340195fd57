package io.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Backends ({@code /admin/api/backend_apis}); bodies are flat, as the 3scale clients send them. */
public final class Backends {
    static final String BASE = "/admin/api/backend_apis";

    private final AdminClient client;

    Backends(AdminClient client) {
        this.client = client;
    }

    public List<JsonNode> list() {
        return client.listAll(BASE, Map.of(), "backend_apis", "backend_api");
    }

    public Optional<JsonNode> find(String ref) {
        if (Refs.isId(ref)) {
            Optional<JsonNode> byId = client.find(BASE + "/" + ref, Map.of()).map(n -> n.path("backend_api"));
            if (byId.isPresent()) {
                return byId;
            }
        }
        return list().stream().filter(b -> ref.equals(b.path("system_name").asText())).findFirst();
    }

    public JsonNode require(String ref) {
        return find(ref).orElseThrow(() -> new NotFoundException("backend " + ref + " not found on " + client.remote()));
    }

    public JsonNode get(long id) {
        return client.get(BASE + "/" + id).path("backend_api");
    }

    public JsonNode create(ObjectNode fields) {
        return client.post(BASE, fields).path("backend_api");
    }

    public JsonNode update(long id, ObjectNode fields) {
        return client.put(BASE + "/" + id, fields).path("backend_api");
    }
}
