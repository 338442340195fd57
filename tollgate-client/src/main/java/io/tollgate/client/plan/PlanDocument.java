package io.tollgate.client.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.client.Documents.DocumentException;
import java.util.ArrayList;
import java.util.List;

/** A plan document ({@link PlanExporter}'s shape), checked before the import writes anything. */
final class PlanDocument {
    private static final List<String> PERIODS = List.of("eternity", "year", "month", "week", "day", "hour", "minute");

    private final JsonNode plan;
    private final List<JsonNode> limits;
    private final List<JsonNode> pricingRules;
    private final List<JsonNode> features;
    private final List<JsonNode> metrics;
    private final List<JsonNode> methods;

    private PlanDocument(JsonNode doc) {
        this.plan = doc.path("plan");
        this.limits = list(doc, "limits");
        this.pricingRules = list(doc, "pricingrules");
        this.features = list(doc, "plan_features");
        this.metrics = list(doc, "metrics");
        this.methods = list(doc, "methods");
    }

    static PlanDocument read(JsonNode doc) {
        if (doc == null || !doc.isObject() || !doc.path("plan").isObject()) {
            throw new DocumentException("plan document: expected an object with a 'plan' object");
        }
        PlanDocument document = new PlanDocument(doc);
        document.check();
        return document;
    }

    private static List<JsonNode> list(JsonNode doc, String key) {
        JsonNode node = doc.path(key);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new DocumentException("plan document: '" + key + "' must be a list");
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }

    private void check() {
        if (plan.path("system_name").asText("").isBlank()) {
            throw new DocumentException("plan document: plan.system_name is missing");
        }
        for (int i = 0; i < limits.size(); i++) {
            JsonNode limit = limits.get(i);
            String at = "plan document: limits[" + i + "]";
            if (!PERIODS.contains(limit.path("period").asText())) {
                throw new DocumentException(at + ".period: expected one of " + PERIODS);
            }
            if (!limit.path("value").canConvertToLong() || limit.path("value").asLong(-1) < 0) {
                throw new DocumentException(at + ".value: expected an integer >= 0");
            }
            metricName(limit, at);
        }
        for (int i = 0; i < pricingRules.size(); i++) {
            JsonNode rule = pricingRules.get(i);
            String at = "plan document: pricingrules[" + i + "]";
            if (!rule.path("cost_per_unit").isNumber() && !rule.path("cost_per_unit").isTextual()) {
                throw new DocumentException(at + ".cost_per_unit: expected a number");
            }
            metricName(rule, at);
        }
        for (int i = 0; i < features.size(); i++) {
            if (features.get(i).path("system_name").asText("").isBlank()) {
                throw new DocumentException("plan document: plan_features[" + i + "].system_name is missing");
            }
        }
        for (List<JsonNode> group : List.of(metrics, methods)) {
            for (JsonNode metric : group) {
                if (metric.path("system_name").asText("").isBlank()) {
                    throw new DocumentException("plan document: a metric or method has no system_name");
                }
            }
        }
    }

    private static void metricName(JsonNode item, String at) {
        if (item.path("metric_system_name").asText("").isBlank()) {
            throw new DocumentException(at + ".metric_system_name is missing");
        }
    }

    /** Backend metrics cannot be created by a plan import: they must exist already. */
    void checkBackendReferences(MetricIndex index) {
        List<JsonNode> all = new ArrayList<>(limits);
        all.addAll(pricingRules);
        for (JsonNode item : all) {
            MetricIndex.Key key = key(item);
            if (key.backend() != null && index.metric(key).isEmpty()) {
                throw new DocumentException("plan document: metric " + key.systemName() + " of backend "
                        + key.backend() + " is not used by the product (import the backend first)");
            }
            if (key.backend() == null && index.metric(key).isEmpty()
                    && metrics.stream().noneMatch(m -> key.systemName().equals(m.path("system_name").asText()))
                    && methods.stream().noneMatch(m -> key.systemName().equals(m.path("system_name").asText()))) {
                throw new DocumentException("plan document: metric " + key.systemName()
                        + " is neither in the product nor in the document's metrics or methods");
            }
        }
    }

    static MetricIndex.Key key(JsonNode item) {
        String backend = item.path("metric_backend_system_name").asText("");
        return new MetricIndex.Key(backend.isBlank() ? null : backend, item.path("metric_system_name").asText());
    }

    String systemName() {
        return plan.path("system_name").asText();
    }

    /** The attributes to create the plan with; {@code systemName} overrides the document's. */
    ObjectNode createFields(String systemName) {
        ObjectNode fields = updateFields();
        fields.put("system_name", systemName != null ? systemName : systemName());
        return fields;
    }

    ObjectNode updateFields() {
        ObjectNode fields = PlanImporter.copy(plan, "name", "approval_required", "setup_fee", "cost_per_month",
                "trial_period_days", "cancellation_period");
        if (!fields.has("name")) {
            fields.put("name", systemName());
        }
        String state = plan.path("state").asText("");
        if (state.equals("published")) {
            fields.put("state_event", "publish");
        } else if (state.equals("hidden")) {
            fields.put("state_event", "hide");
        }
        return fields;
    }

    List<JsonNode> limits() {
        return limits;
    }

    List<JsonNode> pricingRules() {
        return pricingRules;
    }

    List<JsonNode> features() {
        return features;
    }

    List<JsonNode> metrics() {
        return metrics;
    }

    List<JsonNode> methods() {
        return methods;
    }
}
