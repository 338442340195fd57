package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.Owner;
import io.tollgate.model.UsageLimit;
import io.tollgate.server.domain.UsageLimitService;
import io.tollgate.server.http.ApiRequest;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;

/**
 * {@code /admin/api/application_plans/:plan_id/limits} and
 * {@code /admin/api/application_plans/:plan_id/metrics/:metric_id/limits}: usage limits of a plan.
 * The entity key is {@code limit}; bodies are wrapped in {@code usage_limit} or flat.
 */
public final class UsageLimitsResource implements Routes.Resource {
    private static final String PLAN = "/admin/api/application_plans/:plan_id";
    private static final String BASE = PLAN + "/metrics/:metric_id/limits";

    private final UsageLimitService limits;

    public UsageLimitsResource(UsageLimitService limits) {
        this.limits = limits;
    }

    @Override
    public void register(Routes routes) {
        routes.get(PLAN + "/limits", r -> ApiResponse.ok(Representation.list("limits", "limit",
                        limits.listByPlan(r.accountId(), r.id("plan_id"), r.page()), l -> render(l, r.baseUrl()))))
                .get(BASE, r -> ApiResponse.ok(Representation.list("limits", "limit",
                        limits.listByMetric(r.accountId(), r.id("plan_id"), r.id("metric_id")),
                        l -> render(l, r.baseUrl()))))
                .post(BASE, r -> {
                    UsageLimit created = limits.create(r.accountId(), r.id("plan_id"), r.id("metric_id"),
                            r.fields("usage_limit"));
                    return ApiResponse.created(Representation.wrap("limit", render(created, r.baseUrl())),
                            r.baseUrl() + path(created));
                })
                .get(BASE + "/:id", r -> ok(limits.find(r.accountId(), r.id("plan_id"), r.id("metric_id"),
                        r.id("id")), r))
                .put(BASE + "/:id", r -> ok(limits.update(r.accountId(), r.id("plan_id"), r.id("metric_id"),
                        r.id("id"), r.fields("usage_limit")), r))
                .delete(BASE + "/:id", r -> {
                    limits.delete(r.accountId(), r.id("plan_id"), r.id("metric_id"), r.id("id"));
                    return ApiResponse.deleted();
                });
    }

    private static ApiResponse ok(UsageLimit limit, ApiRequest r) {
        return ApiResponse.ok(Representation.wrap("limit", render(limit, r.baseUrl())));
    }

    private static String path(UsageLimit l) {
        return "/admin/api/application_plans/" + l.planId() + "/metrics/" + l.metricId() + "/limits/" + l.id();
    }

    /**
     * The metric's URL as clients parse it: {@code …/services/:sid/metrics/:id} or
     * {@code …/backend_apis/:bid/metrics/:id}, for methods too (3scale links a method the same way).
     */
    static String metricPath(Owner owner, long metricId) {
        return MetricsResource.ownerPath(owner) + "/metrics/" + metricId;
    }

    static String planPath(long serviceId, long planId) {
        return "/admin/api/services/" + serviceId + "/application_plans/" + planId;
    }

    static ObjectNode render(UsageLimit l, String baseUrl) {
        ObjectNode node = Representation.object()
                .put("id", l.id())
                .put("metric_id", l.metricId())
                .put("plan_id", l.planId())
                .put("period", l.period())
                .put("value", l.value());
        Representation.timestamps(node, l.createdAt(), l.updatedAt());
        Representation.link(node, "metric", baseUrl, metricPath(l.metricOwner(), l.metricId()));
        Representation.link(node, "self", baseUrl, path(l));
        Representation.link(node, "plan", baseUrl, planPath(l.serviceId(), l.planId()));
        return node;
    }
}
