package io.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * "Disabled" as the 3scale toolbox means it: an {@code eternity} limit of 0 on a metric in a plan.
 * Disabling adds that limit where it is missing; enabling removes it (and only it).
 */
public final class Disabling {
    private static final String ETERNITY = "eternity";

    private Disabling() {
    }

    /** Disables {@code metricId} in every plan of the product. */
    public static void disableEverywhere(AdminClient client, long serviceId, long metricId) {
        Plans plans = client.plans(serviceId);
        for (JsonNode plan : plans.list()) {
            disable(plans, Refs.id(plan), List.of(metricId));
        }
    }

    public static void enableEverywhere(AdminClient client, long serviceId, long metricId) {
        Plans plans = client.plans(serviceId);
        for (JsonNode plan : plans.list()) {
            enable(plans, Refs.id(plan), List.of(metricId));
        }
    }

    /** Disables every metric and method of the product in one plan. */
    public static void disablePlan(AdminClient client, long serviceId, long planId) {
        List<Long> metrics = client.metrics(io.tollgate.model.Owner.product(serviceId)).all().stream()
                .map(Refs::id).toList();
        disable(client.plans(serviceId), planId, metrics);
    }

    public static void enablePlan(AdminClient client, long serviceId, long planId) {
        List<Long> metrics = client.metrics(io.tollgate.model.Owner.product(serviceId)).all().stream()
                .map(Refs::id).toList();
        enable(client.plans(serviceId), planId, metrics);
    }

    private static void disable(Plans plans, long planId, List<Long> metricIds) {
        List<JsonNode> limits = plans.limits(planId);
        for (long metricId : metricIds) {
            List<JsonNode> eternity = limits.stream().filter(l -> l.path("metric_id").asLong() == metricId
                    && ETERNITY.equals(l.path("period").asText())).toList();
            if (eternity.stream().noneMatch(l -> l.path("value").asLong() == 0)) {
                // An eternity limit with another value would clash on the period: replace it.
                eternity.forEach(l -> plans.deleteLimit(planId, metricId, Refs.id(l)));
                plans.createLimit(planId, metricId, ETERNITY, 0);
            }
        }
    }

    private static void enable(Plans plans, long planId, List<Long> metricIds) {
        for (JsonNode limit : plans.limits(planId)) {
            long metricId = limit.path("metric_id").asLong();
            if (metricIds.contains(metricId) && ETERNITY.equals(limit.path("period").asText())
                    && limit.path("value").asLong() == 0) {
                plans.deleteLimit(planId, metricId, Refs.id(limit));
            }
        }
    }
}
