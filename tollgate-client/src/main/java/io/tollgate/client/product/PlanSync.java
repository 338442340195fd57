package io.tollgate.client.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.Documents.DocumentException;
import io.tollgate.client.Plans;
import io.tollgate.client.Refs;
import io.tollgate.client.plan.MetricIndex;
import java.util.List;
import java.util.Optional;

/**
 * One application plan of a Product CR: created when missing, its attributes updated when they
 * differ; missing limits and pricing rules created (a limit on the same metric and period with
 * another value is updated in place, which counts as present).
 */
final class PlanSync {
    record Counts(long planId, boolean created, int limits, int pricingRules) {
    }

    private PlanSync() {
    }

    static Counts apply(AdminClient client, long serviceId, String systemName, JsonNode spec, MetricIndex index) {
        Plans plans = client.plans(serviceId);
        ObjectNode attributes = Documents.JSON.createObjectNode().put("name", spec.path("name").asText(systemName))
                .put("approval_required", spec.path("appsRequireApproval").asBoolean(false))
                .put("trial_period_days", spec.path("trialPeriod").asInt(0));
        attributes.set("setup_fee", spec.path("setupFee").isMissingNode() ? Documents.JSON.getNodeFactory()
                .numberNode(0.0) : spec.get("setupFee"));
        attributes.set("cost_per_month", spec.path("costMonth").isMissingNode() ? Documents.JSON.getNodeFactory()
                .numberNode(0.0) : spec.get("costMonth"));
        String state = spec.path("state").asText("");
        Optional<JsonNode> existing = plans.find(systemName);
        JsonNode plan;
        if (existing.isEmpty()) {
            ObjectNode create = attributes.deepCopy().put("system_name", systemName);
            if (state.equals("published")) {
                create.put("state_event", "publish");
            }
            plan = plans.create(create);
        } else {
            plan = existing.get();
            if (differs(plan, attributes) || (!state.isEmpty() && !state.equals(plan.path("state").asText()))) {
                ObjectNode update = attributes.deepCopy();
                if (state.equals("published") || state.equals("hidden")) {
                    update.put("state_event", state.equals("published") ? "publish" : "hide");
                }
                plan = plans.update(Refs.id(plan), update);
            }
        }
        long planId = Refs.id(plan);
        return new Counts(planId, existing.isEmpty(), limits(plans, planId, spec, index),
                pricing(plans, planId, spec, index));
    }

    private static boolean differs(JsonNode plan, ObjectNode attributes) {
        for (var field : attributes.properties()) {
            JsonNode current = plan.path(field.getKey());
            JsonNode wanted = field.getValue();
            boolean same = current.isNumber() && wanted.isNumber()
                    ? current.decimalValue().compareTo(wanted.decimalValue()) == 0
                    : current.asText().equals(wanted.asText()) || (current.isNull() && wanted.asInt(-1) == 0);
            if (!same) {
                return true;
            }
        }
        return false;
    }

    private static int limits(Plans plans, long planId, JsonNode spec, MetricIndex index) {
        List<JsonNode> present = plans.limits(planId);
        int created = 0;
        for (JsonNode limit : spec.path("limits")) {
            long metricId = metric(index, limit.path("metricMethodRef"));
            String period = limit.path("period").asText();
            long value = limit.path("value").asLong();
            Optional<JsonNode> same = present.stream().filter(l -> l.path("metric_id").asLong() == metricId
                    && period.equals(l.path("period").asText())).findFirst();
            if (same.isEmpty()) {
                plans.createLimit(planId, metricId, period, value);
                created++;
            } else if (same.get().path("value").asLong() != value) {
                plans.updateLimit(planId, metricId, Refs.id(same.get()), value);
            }
        }
        return created;
    }

    private static int pricing(Plans plans, long planId, JsonNode spec, MetricIndex index) {
        List<JsonNode> present = plans.pricingRules(planId);
        int created = 0;
        for (JsonNode rule : spec.path("pricingRules")) {
            long metricId = metric(index, rule.path("metricMethodRef"));
            boolean exists = present.stream().anyMatch(p -> p.path("metric_id").asLong() == metricId
                    && p.path("min").asLong() == rule.path("from").asLong(1)
                    && p.path("max").asText("null").equals(rule.path("to").asText("null"))
                    && p.path("cost_per_unit").decimalValue().compareTo(rule.path("pricePerUnit").decimalValue()) == 0);
            if (!exists) {
                ObjectNode body = Documents.JSON.createObjectNode().put("min", rule.path("from").asLong(1));
                body.set("max", rule.path("to").isMissingNode() ? null : rule.get("to"));
                body.set("cost_per_unit", rule.path("pricePerUnit"));
                plans.createPricingRule(planId, metricId, body);
                created++;
            }
        }
        return created;
    }

    private static long metric(MetricIndex index, JsonNode ref) {
        String backend = ref.path("backend").asText("");
        MetricIndex.Key key = new MetricIndex.Key(backend.isEmpty() ? null : backend, ref.path("systemName").asText());
        return index.metric(key).map(Refs::id).orElseThrow(() -> new DocumentException("metricMethodRef "
                + key.systemName() + (key.backend() == null ? "" : " of backend " + key.backend())
                + " is not a metric or method of the product or of a backend it uses"));
    }
}
