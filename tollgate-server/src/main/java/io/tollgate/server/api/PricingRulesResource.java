package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.PricingRule;
import io.tollgate.server.domain.Amounts;
import io.tollgate.server.domain.PricingRuleService;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;

/**
 * {@code /admin/api/application_plans/:plan_id/pricing_rules} and
 * {@code /admin/api/application_plans/:plan_id/metrics/:metric_id/pricing_rules}: pricing rules of
 * a plan. Bodies are flat (as the toolbox sends them) or wrapped in {@code pricing_rule}.
 */
public final class PricingRulesResource implements Routes.Resource {
    private static final String PLAN = "/admin/api/application_plans/:plan_id";
    private static final String BASE = PLAN + "/metrics/:metric_id/pricing_rules";

    private final PricingRuleService rules;

    public PricingRulesResource(PricingRuleService rules) {
        this.rules = rules;
    }

    @Override
    public void register(Routes routes) {
        routes.get(PLAN + "/pricing_rules", r -> ApiResponse.ok(Representation.list("pricing_rules",
                        "pricing_rule", rules.listByPlan(r.accountId(), r.id("plan_id")), p -> render(p, r.baseUrl()))))
                .get(BASE, r -> ApiResponse.ok(Representation.list("pricing_rules", "pricing_rule",
                        rules.listByMetric(r.accountId(), r.id("plan_id"), r.id("metric_id")),
                        p -> render(p, r.baseUrl()))))
                .post(BASE, r -> {
                    PricingRule created = rules.create(r.accountId(), r.id("plan_id"), r.id("metric_id"),
                            r.fields("pricing_rule"));
                    return ApiResponse.created(Representation.wrap("pricing_rule", render(created, r.baseUrl())),
                            r.baseUrl() + path(created));
                })
                .get(BASE + "/:id", r -> ApiResponse.ok(Representation.wrap("pricing_rule", render(
                        rules.find(r.accountId(), r.id("plan_id"), r.id("metric_id"), r.id("id")), r.baseUrl()))))
                .delete(BASE + "/:id", r -> {
                    rules.delete(r.accountId(), r.id("plan_id"), r.id("metric_id"), r.id("id"));
                    return ApiResponse.deleted();
                });
    }

    private static String path(PricingRule p) {
        return "/admin/api/application_plans/" + p.planId() + "/metrics/" + p.metricId() + "/pricing_rules/" + p.id();
    }

    static ObjectNode render(PricingRule p, String baseUrl) {
        ObjectNode node = Representation.object()
                .put("id", p.id())
                .put("metric_id", p.metricId())
                .put("plan_id", p.planId())
                .put("cost_per_unit", Amounts.json(p.costPerUnit()))
                .put("min", p.min())
                .put("max", p.max());
        Representation.timestamps(node, p.createdAt(), p.updatedAt());
        Representation.link(node, "metric", baseUrl, UsageLimitsResource.metricPath(p.metricOwner(), p.metricId()));
        Representation.link(node, "plan", baseUrl, UsageLimitsResource.planPath(p.serviceId(), p.planId()));
        return node;
    }
}
