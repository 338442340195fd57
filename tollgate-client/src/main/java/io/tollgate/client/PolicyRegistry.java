package io.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tenant's custom policies ({@code /admin/api/registry/policies}, scope {@code policy_registry}). */
public final class PolicyRegistry {
    private static final String BASE = "/admin/api/registry/policies";

    private final AdminClient client;

    PolicyRegistry(AdminClient client) {
        this.client = client;
    }

    public List<JsonNode> list() {
        return client.list(BASE, Map.of(), "policies", "policy");
    }

    public Optional<JsonNode> find(String name, String version) {
        return list().stream().filter(p -> name.equals(p.path("name").asText())
                && version.equals(p.path("version").asText())).findFirst();
    }

    public JsonNode create(String name, String version, JsonNode schema) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("name", name).put("version", version);
        body.set("schema", schema);
        return client.post(BASE, body).path("policy");
    }

    public JsonNode update(long id, JsonNode schema) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("schema", schema);
        return client.put(BASE + "/" + id, body).path("policy");
    }

    /** Every policy a chain can use: {@code {"<name>": [manifest, …]}}. */
    public JsonNode available() {
        return client.get("/admin/api/policies").path("policies");
    }
}
