package io.tollgate.client.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.Metrics;
import io.tollgate.client.Plans;
import io.tollgate.client.Refs;
import io.tollgate.model.Owner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Imports a plan exported by {@link PlanExporter} into a product: the plan is found by
 * {@code planRef} (or the document's system name) and created when missing, else its attributes are
 * updated; missing metrics and methods of the product are created; the plan's limits and pricing
 * rules become those of the document (others deleted, missing created); missing features are created
 * and offered by the plan. The whole document is checked before anything is written.
 */
public final class PlanImporter {
    /** What an import did. */
    public record Result(long planId, boolean planCreated, int metricsCreated, int methodsCreated,
            int limitsCreated, int limitsDeleted, int pricingRulesCreated, int pricingRulesDeleted,
            int featuresAdded) {
    }

    private final AdminClient client;

    public PlanImporter(AdminClient client) {
        this.client = client;
    }

    public Result importPlan(long serviceId, JsonNode doc, String planRef) {
        PlanDocument plan = PlanDocument.read(doc);
        MetricIndex before = MetricIndex.of(client, serviceId);
        plan.checkBackendReferences(before);

        Plans plans = client.plans(serviceId);
        String ref = planRef != null ? planRef : plan.systemName();
        Optional<JsonNode> existing = plans.find(ref);
        JsonNode target;
        if (existing.isPresent()) {
            target = plans.update(Refs.id(existing.get()), plan.updateFields());
        } else {
            target = plans.create(plan.createFields(planRef != null && !Refs.isId(planRef) ? planRef : null));
        }
        long planId = Refs.id(target);

        Metrics metrics = client.metrics(Owner.product(serviceId));
        int metricsCreated = 0;
        int methodsCreated = 0;
        for (JsonNode metric : plan.metrics()) {
            if (before.metric(new MetricIndex.Key(null, metric.path("system_name").asText())).isEmpty()) {
                metrics.createMetric(copy(metric, "system_name", "friendly_name", "description", "unit"));
                metricsCreated++;
            }
        }
        long hits = Refs.id(metrics.hits());
        for (JsonNode method : plan.methods()) {
            if (before.metric(new MetricIndex.Key(null, method.path("system_name").asText())).isEmpty()) {
                metrics.createMethod(hits, copy(method, "system_name", "friendly_name", "description"));
                methodsCreated++;
            }
        }
        MetricIndex index = MetricIndex.of(client, serviceId);
        SetResult limits = syncLimits(plans, planId, plan, index);
        SetResult pricing = syncPricing(plans, planId, plan, index);
        int features = syncFeatures(serviceId, planId, plan);
        return new Result(planId, existing.isEmpty(), metricsCreated, methodsCreated, limits.created(),
                limits.deleted(), pricing.created(), pricing.deleted(), features);
    }

    private record SetResult(int created, int deleted) {
    }

    private SetResult syncLimits(Plans plans, long planId, PlanDocument plan, MetricIndex index) {
        List<String> wanted = new ArrayList<>();
        for (JsonNode limit : plan.limits()) {
            wanted.add(limitKey(index.metric(PlanDocument.key(limit)).map(Refs::id).orElseThrow(),
                    limit.path("period").asText(), limit.path("value").asLong()));
        }
        int deleted = 0;
        List<String> present = new ArrayList<>();
        for (JsonNode limit : plans.limits(planId)) {
            String key = limitKey(limit.path("metric_id").asLong(), limit.path("period").asText(),
                    limit.path("value").asLong());
            if (wanted.contains(key)) {
                present.add(key);
            } else {
                plans.deleteLimit(planId, limit.path("metric_id").asLong(), Refs.id(limit));
                deleted++;
            }
        }
        int created = 0;
        for (JsonNode limit : plan.limits()) {
            long metricId = index.metric(PlanDocument.key(limit)).map(Refs::id).orElseThrow();
            if (!present.contains(limitKey(metricId, limit.path("period").asText(), limit.path("value").asLong()))) {
                plans.createLimit(planId, metricId, limit.path("period").asText(), limit.path("value").asLong());
                created++;
            }
        }
        return new SetResult(created, deleted);
    }

    private SetResult syncPricing(Plans plans, long planId, PlanDocument plan, MetricIndex index) {
        List<String> wanted = new ArrayList<>();
        for (JsonNode rule : plan.pricingRules()) {
            wanted.add(ruleKey(index.metric(PlanDocument.key(rule)).map(Refs::id).orElseThrow(), rule));
        }
        int deleted = 0;
        List<String> present = new ArrayList<>();
        for (JsonNode rule : plans.pricingRules(planId)) {
            String key = ruleKey(rule.path("metric_id").asLong(), rule);
            if (wanted.contains(key)) {
                present.add(key);
            } else {
                plans.deletePricingRule(planId, rule.path("metric_id").asLong(), Refs.id(rule));
                deleted++;
            }
        }
        int created = 0;
        for (JsonNode rule : plan.pricingRules()) {
            long metricId = index.metric(PlanDocument.key(rule)).map(Refs::id).orElseThrow();
            if (!present.contains(ruleKey(metricId, rule))) {
                plans.createPricingRule(planId, metricId, copy(rule, "cost_per_unit", "min", "max"));
                created++;
            }
        }
        return new SetResult(created, deleted);
    }

    private int syncFeatures(long serviceId, long planId, PlanDocument plan) {
        List<JsonNode> features = new ArrayList<>(client.services().features(serviceId));
        List<Long> offered = client.plans(serviceId).features(planId).stream().map(Refs::id).toList();
        int added = 0;
        for (JsonNode wanted : plan.features()) {
            String systemName = wanted.path("system_name").asText();
            JsonNode feature = features.stream().filter(f -> systemName.equals(f.path("system_name").asText()))
                    .findFirst().orElse(null);
            if (feature == null) {
                feature = client.services().createFeature(serviceId,
                        copy(wanted, "name", "system_name", "scope", "visible", "description"));
                features.add(feature);
            }
            if (!offered.contains(Refs.id(feature))) {
                client.plans(serviceId).addFeature(planId, Refs.id(feature));
                added++;
            }
        }
        return added;
    }

    private static String limitKey(long metricId, String period, long value) {
        return metricId + "/" + period + "/" + value;
    }

    /** Amounts compared as decimals, so 1 and 1.0 are the same price. */
    private static String ruleKey(long metricId, JsonNode rule) {
        return metricId + "/" + rule.path("min").asLong(1) + "/" + (rule.path("max").isNull()
                || rule.path("max").isMissingNode() ? "inf" : rule.path("max").asLong()) + "/"
                + rule.path("cost_per_unit").decimalValue().stripTrailingZeros().toPlainString();
    }

    static ObjectNode copy(JsonNode from, String... fields) {
        ObjectNode to = Documents.JSON.createObjectNode();
        for (String field : fields) {
            if (from.has(field) && !from.get(field).isNull()) {
                to.set(field, from.get(field));
            }
        }
        return to;
    }
}
