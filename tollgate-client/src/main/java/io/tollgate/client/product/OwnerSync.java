package io.tollgate.client.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.Documents.DocumentException;
import io.tollgate.client.MappingRules;
import io.tollgate.client.Metrics;
import io.tollgate.client.Refs;
import io.tollgate.model.Owner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings the metrics, methods and mapping rules of a product or backend in line with a CR spec:
 * missing metrics and methods are created (existing ones are left as they are; rules count on
 * them, so even a rules-only copy creates them); mapping rules are either added when missing, or
 * replaced as a whole when the list differs.
 */
final class OwnerSync {
    /** How many of each were created. */
    record Counts(int metrics, int methods, int rules) {
    }

    private OwnerSync() {
    }

    static Counts apply(AdminClient client, Owner owner, JsonNode spec, ProductImporter.RuleMode mode) {
        Metrics metrics = client.metrics(owner);
        List<JsonNode> existing = new ArrayList<>(metrics.all());
        int metricsCreated = 0;
        int methodsCreated = 0;
        {
            for (Map.Entry<String, JsonNode> metric : spec.path("metrics").properties()) {
                if (find(existing, metric.getKey()).isEmpty()) {
                    ObjectNode body = Documents.JSON.createObjectNode().put("system_name", metric.getKey())
                            .put("friendly_name", metric.getValue().path("friendlyName").asText(metric.getKey()))
                            .put("unit", metric.getValue().path("unit").asText("hit"))
                            .put("description", metric.getValue().path("description").asText(""));
                    existing.add(metrics.createMetric(body));
                    metricsCreated++;
                }
            }
            long hits = Refs.id(find(existing, "hits").orElseGet(metrics::hits));
            for (Map.Entry<String, JsonNode> method : spec.path("methods").properties()) {
                if (find(existing, method.getKey()).isEmpty()) {
                    ObjectNode body = Documents.JSON.createObjectNode().put("system_name", method.getKey())
                            .put("friendly_name", method.getValue().path("friendlyName").asText(method.getKey()))
                            .put("description", method.getValue().path("description").asText(""));
                    existing.add(metrics.createMethod(hits, body));
                    methodsCreated++;
                }
            }
        }
        int rules = rules(client.mappingRules(owner), spec.path("mappingRules"), existing, mode);
        return new Counts(metricsCreated, methodsCreated, rules);
    }

    private static Optional<JsonNode> find(List<JsonNode> metrics, String systemName) {
        return metrics.stream().filter(m -> systemName.equals(m.path("system_name").asText())).findFirst();
    }

    private record Rule(String method, String pattern, long metricId, long delta, boolean last) {
        ObjectNode body() {
            return Documents.JSON.createObjectNode().put("http_method", method).put("pattern", pattern)
                    .put("metric_id", metricId).put("delta", delta).put("last", last);
        }
    }

    private static int rules(MappingRules api, JsonNode wantedRules, List<JsonNode> metrics, ProductImporter.RuleMode mode) {
        List<Rule> wanted = new ArrayList<>();
        for (JsonNode rule : wantedRules) {
            String ref = rule.path("metricMethodRef").asText();
            long metricId = find(metrics, ref).map(Refs::id).orElseThrow(() -> new DocumentException(
                    "mapping rule " + rule.path("httpMethod").asText() + " " + rule.path("pattern").asText()
                            + ": metricMethodRef " + ref + " is neither a metric nor a method"));
            wanted.add(new Rule(rule.path("httpMethod").asText().toUpperCase(java.util.Locale.ROOT),
                    rule.path("pattern").asText(), metricId, rule.path("increment").asLong(1),
                    rule.path("last").asBoolean(false)));
        }
        List<JsonNode> current = api.list().stream()
                .sorted(java.util.Comparator.comparingLong(r -> r.path("position").asLong())).toList();
        List<Rule> present = current.stream().map(r -> new Rule(r.path("http_method").asText(),
                r.path("pattern").asText(), r.path("metric_id").asLong(), r.path("delta").asLong(),
                r.path("last").asBoolean())).toList();
        int created = 0;
        if (mode == ProductImporter.RuleMode.REPLACE) {
            if (present.equals(wanted)) {
                return 0;
            }
            current.forEach(r -> api.delete(Refs.id(r)));
            for (Rule rule : wanted) {
                api.create(rule.body());
                created++;
            }
            return created;
        }
        for (Rule rule : wanted) {
            if (!present.contains(rule)) {
                api.create(rule.body());
                created++;
            }
        }
        return created;
    }
}
