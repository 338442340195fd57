package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.ApplicationPlan;
import io.tollgate.server.domain.Amounts;
import io.tollgate.server.domain.ApplicationPlanService;
import io.tollgate.server.http.ApiRequest;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;

/**
 * {@code /admin/api/services/:service_id/application_plans}: plans of a product, and
 * {@code /admin/api/application_plans}: all plans of the tenant. Lists use the root key
 * {@code plans} (not {@code application_plans}), as 3scale does.
 */
public final class ApplicationPlansResource implements Routes.Resource {
    private static final String BASE = "/admin/api/services/:service_id/application_plans";

    private final ApplicationPlanService plans;

    public ApplicationPlansResource(ApplicationPlanService plans) {
        this.plans = plans;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/admin/api/application_plans", r -> ApiResponse.ok(Representation.list("plans",
                        "application_plan", plans.listAll(r.accountId(), r.page()), p -> render(p, r.baseUrl()))))
                .get(BASE, r -> ApiResponse.ok(Representation.list("plans", "application_plan",
                        plans.list(r.accountId(), r.id("service_id")), p -> render(p, r.baseUrl()))))
                .post(BASE, r -> {
                    ApplicationPlan created = plans.create(r.accountId(), r.id("service_id"),
                            r.fields("application_plan"));
                    return ApiResponse.created(Representation.wrap("application_plan", render(created, r.baseUrl())),
                            r.baseUrl() + path(created));
                })
                .get(BASE + "/:id", r -> ok(plans.find(r.accountId(), r.id("service_id"), r.id("id")), r))
                .put(BASE + "/:id", r -> ok(update(r), r))
                .patch(BASE + "/:id", r -> ok(update(r), r))
                .put(BASE + "/:id/default", r -> ok(plans.makeDefault(r.accountId(), r.id("service_id"),
                        r.id("id")), r))
                .delete(BASE + "/:id", r -> {
                    plans.delete(r.accountId(), r.id("service_id"), r.id("id"));
                    return ApiResponse.deleted();
                });
    }

    private ApplicationPlan update(ApiRequest r) {
        return plans.update(r.accountId(), r.id("service_id"), r.id("id"), r.fields("application_plan"));
    }

    private static ApiResponse ok(ApplicationPlan plan, ApiRequest r) {
        return ApiResponse.ok(Representation.wrap("application_plan", render(plan, r.baseUrl())));
    }

    /** The plan's URL path, under its product. */
    public static String path(ApplicationPlan p) {
        return "/admin/api/services/" + p.serviceId() + "/application_plans/" + p.id();
    }

    static ObjectNode render(ApplicationPlan p, String baseUrl) {
        ObjectNode node = Representation.object()
                .put("id", p.id())
                .put("name", p.name())
                .put("system_name", p.systemName())
                .put("state", p.state())
                .put("setup_fee", Amounts.json(p.setupFee()))
                .put("cost_per_month", Amounts.json(p.costPerMonth()))
                .put("trial_period_days", p.trialPeriodDays())
                .put("cancellation_period", p.cancellationPeriod())
                .put("approval_required", p.approvalRequired())
                .put("default", p.isDefault())
                .put("custom", false)
                .put("service_id", p.serviceId());
        Representation.timestamps(node, p.createdAt(), p.updatedAt());
        Representation.link(node, "service", baseUrl, "/admin/api/services/" + p.serviceId());
        Representation.link(node, "self", baseUrl, path(p));
        return node;
    }
}
