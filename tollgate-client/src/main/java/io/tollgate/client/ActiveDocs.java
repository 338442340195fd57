package io.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** OpenAPI documents ({@code /admin/api/active_docs}); bodies are flat, {@code body} the document as JSON text. */
public final class ActiveDocs {
    private static final String BASE = "/admin/api/active_docs";

    private final AdminClient client;

    ActiveDocs(AdminClient client) {
        this.client = client;
    }

    public List<JsonNode> list() {
        return client.list(BASE, Map.of(), "api_docs", "api_doc");
    }

    public Optional<JsonNode> find(String ref) {
        return Refs.match(list(), ref);
    }

    public JsonNode create(ObjectNode fields) {
        return client.post(BASE, fields).path("api_doc");
    }

    public JsonNode update(long id, ObjectNode fields) {
        return client.put(BASE + "/" + id, fields).path("api_doc");
    }

    public void delete(long id) {
        client.delete(BASE + "/" + id);
    }
}
