package io.tollgate.server.api;

import io.tollgate.model.Feature;
import io.tollgate.server.domain.PlanFeatureService;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;

/**
 * {@code /admin/api/application_plans/:plan_id/features}: the features a plan offers, rendered as
 * the product's features are.
 */
public final class PlanFeaturesResource implements Routes.Resource {
    private static final String BASE = "/admin/api/application_plans/:plan_id/features";

    private final PlanFeatureService features;

    public PlanFeaturesResource(PlanFeatureService features) {
        this.features = features;
    }

    @Override
    public void register(Routes routes) {
        routes.get(BASE, r -> ApiResponse.ok(Representation.list("features", "feature",
                        features.list(r.accountId(), r.id("plan_id")), FeaturesResource::render)))
                .post(BASE, r -> {
                    Feature added = features.add(r.accountId(), r.id("plan_id"), r.fields("feature"));
                    return ApiResponse.created(Representation.wrap("feature", FeaturesResource.render(added)),
                            r.baseUrl() + "/admin/api/services/" + added.serviceId() + "/features/" + added.id());
                })
                .delete(BASE + "/:feature_id", r -> {
                    features.remove(r.accountId(), r.id("plan_id"), r.id("feature_id"));
                    return ApiResponse.deleted();
                });
    }
}
