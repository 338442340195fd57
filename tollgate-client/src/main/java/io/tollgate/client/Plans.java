package io.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Application plans of one product, with their limits, pricing rules and features. */
public final class Plans {
    private static final String PLANS = "/admin/api/application_plans";

    private final AdminClient client;
    private final String base;

    Plans(AdminClient client, long serviceId) {
        this.client = client;
        this.base = Services.BASE + "/" + serviceId + "/application_plans";
    }

    public List<JsonNode> list() {
        return client.list(base, Map.of(), "plans", "application_plan");
    }

    public Optional<JsonNode> find(String ref) {
        return Refs.match(list(), ref);
    }

    public JsonNode create(ObjectNode fields) {
        return client.post(base, Services.wrap("application_plan", fields)).path("application_plan");
    }

    public JsonNode update(long id, ObjectNode fields) {
        return client.patch(base + "/" + id, Services.wrap("application_plan", fields)).path("application_plan");
    }

    public JsonNode makeDefault(long id) {
        return client.put(base + "/" + id + "/default", Json.MAPPER.createObjectNode()).path("application_plan");
    }

    public void delete(long id) {
        client.delete(base + "/" + id);
    }

    public List<JsonNode> limits(long planId) {
        return client.listAll(PLANS + "/" + planId + "/limits", Map.of(), "limits", "limit");
    }

    public JsonNode createLimit(long planId, long metricId, String period, long value) {
        ObjectNode limit = Json.MAPPER.createObjectNode().put("period", period).put("value", value);
        return client.post(PLANS + "/" + planId + "/metrics/" + metricId + "/limits",
                Services.wrap("usage_limit", limit)).path("limit");
    }

    public JsonNode updateLimit(long planId, long metricId, long limitId, long value) {
        ObjectNode limit = Json.MAPPER.createObjectNode().put("value", value);
        return client.put(PLANS + "/" + planId + "/metrics/" + metricId + "/limits/" + limitId,
                Services.wrap("usage_limit", limit)).path("limit");
    }

    public void deleteLimit(long planId, long metricId, long limitId) {
        client.delete(PLANS + "/" + planId + "/metrics/" + metricId + "/limits/" + limitId);
    }

    public List<JsonNode> pricingRules(long planId) {
        return client.list(PLANS + "/" + planId + "/pricing_rules", Map.of(), "pricing_rules", "pricing_rule");
    }

    public JsonNode createPricingRule(long planId, long metricId, ObjectNode rule) {
        return client.post(PLANS + "/" + planId + "/metrics/" + metricId + "/pricing_rules", rule).path("pricing_rule");
    }

    public void deletePricingRule(long planId, long metricId, long ruleId) {
        client.delete(PLANS + "/" + planId + "/metrics/" + metricId + "/pricing_rules/" + ruleId);
    }

    public List<JsonNode> features(long planId) {
        return client.list(PLANS + "/" + planId + "/features", Map.of(), "features", "feature");
    }

    public JsonNode addFeature(long planId, long featureId) {
        return client.post(PLANS + "/" + planId + "/features", Json.MAPPER.createObjectNode()
                .put("feature_id", featureId)).path("feature");
    }
}
