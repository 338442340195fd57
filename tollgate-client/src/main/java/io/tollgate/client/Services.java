package io.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Products ({@code /admin/api/services}). */
public final class Services {
    static final String BASE = "/admin/api/services";

    private final AdminClient client;

    Services(AdminClient client) {
        this.client = client;
    }

    public List<JsonNode> list() {
        return client.listAll(BASE, Map.of(), "services", "service");
    }

    /** By id (a numeric reference that is no product's id is then tried as a system name) or system name. */
    public Optional<JsonNode> find(String ref) {
        if (Refs.isId(ref)) {
            Optional<JsonNode> byId = client.find(BASE + "/" + ref, Map.of()).map(n -> n.path("service"));
            if (byId.isPresent()) {
                return byId;
            }
        }
        return list().stream().filter(s -> ref.equals(s.path("system_name").asText())).findFirst();
    }

    /** The product {@code ref} names, or a {@link NotFoundException} saying so. */
    public JsonNode require(String ref) {
        return find(ref).orElseThrow(() -> new NotFoundException("product " + ref + " not found on " + client.remote()));
    }

    public JsonNode get(long id) {
        return client.get(BASE + "/" + id).path("service");
    }

    public JsonNode create(ObjectNode fields) {
        return client.post(BASE, wrap(fields)).path("service");
    }

    public JsonNode update(long id, ObjectNode fields) {
        return client.put(BASE + "/" + id, wrap(fields)).path("service");
    }

    public void delete(long id) {
        client.delete(BASE + "/" + id);
    }

    /** The product's backend usages ({@code [{"backend_usage":{…}}]}, a bare array). */
    public List<JsonNode> backendUsages(long id) {
        return AdminClient.unwrap(client.get(BASE + "/" + id + "/backend_usages"), "backend_usage");
    }

    public JsonNode createBackendUsage(long id, long backendId, String path) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("backend_api_id", backendId).put("path", path);
        return client.post(BASE + "/" + id + "/backend_usages", body).path("backend_usage");
    }

    public JsonNode updateBackendUsage(long id, long usageId, String path) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("path", path);
        return client.put(BASE + "/" + id + "/backend_usages/" + usageId, body).path("backend_usage");
    }

    public void deleteBackendUsage(long id, long usageId) {
        client.delete(BASE + "/" + id + "/backend_usages/" + usageId);
    }

    public List<JsonNode> features(long id) {
        return client.list(BASE + "/" + id + "/features", Map.of(), "features", "feature");
    }

    public JsonNode createFeature(long id, ObjectNode fields) {
        return client.post(BASE + "/" + id + "/features", wrap("feature", fields)).path("feature");
    }

    private static ObjectNode wrap(ObjectNode fields) {
        return wrap("service", fields);
    }

    static ObjectNode wrap(String key, JsonNode fields) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set(key, fields);
        return body;
    }
}
