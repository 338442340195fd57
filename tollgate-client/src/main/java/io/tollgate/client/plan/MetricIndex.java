package io.tollgate.client.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Metrics;
import io.tollgate.client.Refs;
import io.tollgate.model.Owner;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metrics and methods a product's plans can refer to: its own, and those of the backends it
 * uses, by id and by (backend system name, system name). Limits and pricing rules name a metric by
 * id; exports name it by system name, with the backend's system name for a backend metric.
 */
public final class MetricIndex {
    /** A metric or method as exports name it: backend null for the product's own. */
    public record Key(String backend, String systemName) {
    }

    private final Map<Long, Key> byId = new HashMap<>();
    private final Map<Key, JsonNode> byKey = new LinkedHashMap<>();

    private MetricIndex() {
    }

    public static MetricIndex of(AdminClient client, long serviceId) {
        MetricIndex index = new MetricIndex();
        index.add(null, client.metrics(Owner.product(serviceId)).all());
        for (JsonNode usage : client.services().backendUsages(serviceId)) {
            JsonNode backend = client.backends().get(usage.path("backend_id").asLong());
            index.add(backend.path("system_name").asText(),
                    client.metrics(Owner.backend(Refs.id(backend))).all());
        }
        return index;
    }

    private void add(String backend, List<JsonNode> metrics) {
        for (JsonNode metric : metrics) {
            Key key = new Key(backend, metric.path("system_name").asText());
            byId.put(Refs.id(metric), key);
            byKey.put(key, metric);
        }
    }

    public Optional<Key> key(long metricId) {
        return Optional.ofNullable(byId.get(metricId));
    }

    public Optional<JsonNode> metric(Key key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** The product's own metric or method with that id, if it is one. */
    public Optional<JsonNode> productMetric(long metricId) {
        Key key = byId.get(metricId);
        return key == null || key.backend() != null ? Optional.empty() : Optional.of(byKey.get(key));
    }

    public static boolean isMethod(JsonNode metric) {
        return Metrics.isMethod(metric);
    }
}
