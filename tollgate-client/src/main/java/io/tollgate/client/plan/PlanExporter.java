package io.tollgate.client.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.Refs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One application plan as the 3scale toolbox exports it: {@code plan} (its attributes),
 * {@code limits} and {@code pricingrules} (naming their metric by system name, and by backend for a
 * backend metric), {@code plan_features}, and the product's {@code metrics} and {@code methods}
 * those refer to. Read-only.
 */
public final class PlanExporter {
    private final AdminClient client;

    public PlanExporter(AdminClient client) {
        this.client = client;
    }

    public ObjectNode export(long serviceId, JsonNode plan) {
        long planId = Refs.id(plan);
        MetricIndex metrics = MetricIndex.of(client, serviceId);
        Map<String, JsonNode> referenced = new LinkedHashMap<>();

        ObjectNode doc = Documents.JSON.createObjectNode();
        ObjectNode attributes = doc.putObject("plan");
        for (String field : new String[] {"name", "system_name", "state", "approval_required", "setup_fee",
                "cost_per_month", "trial_period_days", "cancellation_period"}) {
            attributes.set(field, plan.path(field).isMissingNode() ? null : plan.get(field));
        }
        ArrayNode limits = doc.putArray("limits");
        for (JsonNode limit : client.plans(serviceId).limits(planId)) {
            ObjectNode out = limits.addObject().put("period", limit.path("period").asText())
                    .put("value", limit.path("value").asLong());
            reference(out, limit.path("metric_id").asLong(), metrics, referenced);
        }
        ArrayNode pricing = doc.putArray("pricingrules");
        for (JsonNode rule : client.plans(serviceId).pricingRules(planId)) {
            ObjectNode out = pricing.addObject();
            out.set("cost_per_unit", rule.get("cost_per_unit"));
            out.set("min", rule.get("min"));
            out.set("max", rule.get("max"));
            reference(out, rule.path("metric_id").asLong(), metrics, referenced);
        }
        ArrayNode features = doc.putArray("plan_features");
        for (JsonNode feature : client.plans(serviceId).features(planId)) {
            ObjectNode out = features.addObject();
            for (String field : new String[] {"name", "system_name", "scope", "visible", "description"}) {
                out.set(field, feature.get(field));
            }
        }
        ArrayNode metricList = doc.putArray("metrics");
        ArrayNode methodList = doc.putArray("methods");
        for (JsonNode metric : referenced.values()) {
            ObjectNode out = MetricIndex.isMethod(metric) ? methodList.addObject() : metricList.addObject();
            out.put("system_name", metric.path("system_name").asText());
            out.set("friendly_name", metric.get("friendly_name"));
            out.set("description", metric.get("description"));
            if (!MetricIndex.isMethod(metric)) {
                out.set("unit", metric.get("unit"));
            }
        }
        return doc;
    }

    private static void reference(ObjectNode out, long metricId, MetricIndex metrics, Map<String, JsonNode> referenced) {
        MetricIndex.Key key = metrics.key(metricId).orElseThrow(() -> new IllegalStateException(
                "metric " + metricId + " of a limit or pricing rule is neither the product's nor a used backend's"));
        out.put("metric_system_name", key.systemName());
        if (key.backend() != null) {
            out.put("metric_backend_system_name", key.backend());
        } else {
            referenced.putIfAbsent(key.systemName(), metrics.metric(key).orElseThrow());
        }
    }
}
