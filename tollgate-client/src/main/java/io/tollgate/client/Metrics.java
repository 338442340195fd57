package io.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.Owner;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Metrics and methods of a product or backend. The {@code /metrics} list holds both; methods are
 * the items with a {@code parent_id} (children of {@code hits}).
 */
public final class Metrics {
    private final AdminClient client;
    private final Owner owner;
    private final String base;

    Metrics(AdminClient client, Owner owner) {
        this.client = client;
        this.owner = owner;
        this.base = ownerPath(owner) + "/metrics";
    }

    static String ownerPath(Owner owner) {
        return (owner.type() == Owner.Type.PRODUCT ? Services.BASE : Backends.BASE) + "/" + owner.id();
    }

    /** Metrics and methods together. */
    public List<JsonNode> all() {
        return client.listAll(base, Map.of(), "metrics", "metric");
    }

    public List<JsonNode> metrics() {
        return all().stream().filter(m -> !isMethod(m)).toList();
    }

    public List<JsonNode> methods() {
        return all().stream().filter(Metrics::isMethod).toList();
    }

    public static boolean isMethod(JsonNode metric) {
        return metric.hasNonNull("parent_id");
    }

    public JsonNode hits() {
        return metrics().stream().filter(m -> "hits".equals(m.path("system_name").asText())).findFirst()
                .orElseThrow(() -> new NotFoundException("the hits metric of " + base + " is missing"));
    }

    /** A metric (not a method) by id or system name. */
    public Optional<JsonNode> findMetric(String ref) {
        return Refs.match(metrics(), ref);
    }

    public Optional<JsonNode> findMethod(String ref) {
        return Refs.match(methods(), ref);
    }

    public JsonNode createMetric(ObjectNode fields) {
        return client.post(base, Services.wrap("metric", fields)).path("metric");
    }

    public JsonNode updateMetric(long id, ObjectNode fields) {
        return client.put(base + "/" + id, Services.wrap("metric", fields)).path("metric");
    }

    public void deleteMetric(long id) {
        client.delete(base + "/" + id);
    }

    /** A method under {@code hits}; bodies are wrapped in {@code metric}, as the 3scale clients send them. */
    public JsonNode createMethod(long hitsId, ObjectNode fields) {
        return client.post(base + "/" + hitsId + "/methods", Services.wrap("metric", fields)).path("method");
    }

    public JsonNode updateMethod(long hitsId, long id, ObjectNode fields) {
        return client.put(base + "/" + hitsId + "/methods/" + id, Services.wrap("metric", fields)).path("method");
    }

    public void deleteMethod(long hitsId, long id) {
        client.delete(base + "/" + hitsId + "/methods/" + id);
    }

    public Owner owner() {
        return owner;
    }
}
