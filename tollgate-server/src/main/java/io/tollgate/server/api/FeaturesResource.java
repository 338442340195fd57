package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.Feature;
import io.tollgate.server.domain.FeatureService;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;

/** {@code /admin/api/services/:service_id/features}: features of a product. */
public final class FeaturesResource implements Routes.Resource {
    // The path parameter is not called "feature": path parameters override body parameters, and
    // that name is the body's wrapper key.
    private static final String BASE = "/admin/api/services/:service_id/features";

    private final FeatureService features;

    public FeaturesResource(FeatureService features) {
        this.features = features;
    }

    @Override
    public void register(Routes routes) {
        routes.get(BASE, r -> ApiResponse.ok(Representation.list("features", "feature",
                        features.list(r.accountId(), r.id("service_id")), FeaturesResource::render)))
                .post(BASE, r -> {
                    Feature created = features.create(r.accountId(), r.id("service_id"), r.fields("feature"));
                    return ApiResponse.created(Representation.wrap("feature", render(created)),
                            r.baseUrl() + path(created));
                })
                .get(BASE + "/:id", r -> ok(features.find(r.accountId(), r.id("service_id"), r.id("id"))))
                .put(BASE + "/:id", r -> ok(features.update(r.accountId(), r.id("service_id"), r.id("id"),
                        r.fields("feature"))))
                .delete(BASE + "/:id", r -> {
                    features.delete(r.accountId(), r.id("service_id"), r.id("id"));
                    return ApiResponse.deleted();
                });
    }

    private static ApiResponse ok(Feature feature) {
        return ApiResponse.ok(Representation.wrap("feature", render(feature)));
    }

    private static String path(Feature f) {
        return "/admin/api/services/" + f.serviceId() + "/features/" + f.id();
    }

    static ObjectNode render(Feature f) {
        ObjectNode node = Representation.object()
                .put("id", f.id())
                .put("name", f.name())
                .put("system_name", f.systemName())
                .put("description", f.description())
                .put("scope", f.scope())
                .put("visible", f.visible())
                .put("service_id", f.serviceId());
        Representation.timestamps(node, f.createdAt(), f.updatedAt());
        return node;
    }
}
