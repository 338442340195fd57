package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.Metric;
import io.tollgate.model.Owner;
import io.tollgate.server.domain.MetricService;
import io.tollgate.server.http.ApiRequest;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;
import java.util.function.Function;

/**
 * Metrics and methods, under products ({@code /admin/api/services/:owner/metrics}) and backends
 * ({@code /admin/api/backend_apis/:owner/metrics}). Both speak the same shapes: metrics and
 * methods are listed together under {@code metrics}; methods also have their own list.
 */
public final class MetricsResource implements Routes.Resource {
    private final MetricService metrics;

    public MetricsResource(MetricService metrics) {
        this.metrics = metrics;
    }

    @Override
    public void register(Routes routes) {
        register(routes, "/admin/api/services/:owner", r -> Owner.product(r.id("owner")));
        register(routes, "/admin/api/backend_apis/:owner", r -> Owner.backend(r.id("owner")));
    }

    private void register(Routes routes, String ownerPath, Function<ApiRequest, Owner> ownerOf) {
        String base = ownerPath + "/metrics";
        // Named metric_id as in porta's routes: path parameters are merged into the body
        // parameters, so a parameter named "metric" would replace the {"metric":{…}} wrapper.
        String methods = base + "/:metric_id/methods";
        routes.get(base, r -> ApiResponse.ok(Representation.list("metrics", "metric",
                        metrics.list(r.accountId(), ownerOf.apply(r), r.page()), m -> render(m, r.baseUrl()))))
                .post(base, r -> created("metric", metrics.create(r.accountId(), ownerOf.apply(r), r.fields("metric")),
                        r.baseUrl()))
                .get(base + "/:id", r -> ok("metric", metrics.find(r.accountId(), ownerOf.apply(r), r.id("id")),
                        r.baseUrl()))
                .put(base + "/:id", r -> ok("metric", metrics.update(r.accountId(), ownerOf.apply(r), r.id("id"),
                        r.fields("metric")), r.baseUrl()))
                .delete(base + "/:id", r -> {
                    metrics.delete(r.accountId(), ownerOf.apply(r), r.id("id"));
                    return ApiResponse.deleted();
                })
                .get(methods, r -> ApiResponse.ok(Representation.list("methods", "method",
                        metrics.methods(r.accountId(), ownerOf.apply(r), r.id("metric_id"), r.page()),
                        m -> render(m, r.baseUrl()))))
                // 3scale clients wrap method bodies in "metric"; "method" is accepted too.
                .post(methods, r -> created("method", metrics.createMethod(r.accountId(), ownerOf.apply(r),
                        r.id("metric_id"), methodFields(r)), r.baseUrl()))
                .get(methods + "/:id", r -> ok("method", metrics.method(r.accountId(), ownerOf.apply(r),
                        r.id("metric_id"), r.id("id")), r.baseUrl()))
                .put(methods + "/:id", r -> ok("method", metrics.updateMethod(r.accountId(), ownerOf.apply(r),
                        r.id("metric_id"), r.id("id"), methodFields(r)), r.baseUrl()))
                .delete(methods + "/:id", r -> {
                    metrics.deleteMethod(r.accountId(), ownerOf.apply(r), r.id("metric_id"), r.id("id"));
                    return ApiResponse.deleted();
                });
    }

    private static io.tollgate.server.http.Fields methodFields(ApiRequest r) {
        return r.params().has("method") && r.params().get("method").isObject() ? r.fields("method") : r.fields("metric");
    }

    private static ApiResponse ok(String key, Metric metric, String baseUrl) {
        return ApiResponse.ok(Representation.wrap(key, render(metric, baseUrl)));
    }

    private static ApiResponse created(String key, Metric metric, String baseUrl) {
        return ApiResponse.created(Representation.wrap(key, render(metric, baseUrl)), baseUrl + path(metric));
    }

    /** The metric's URL path; backend metrics live under their backend. */
    public static String path(Metric m) {
        String owner = ownerPath(m.owner());
        return m.isMethod() ? owner + "/metrics/" + m.parentId() + "/methods/" + m.id() : owner + "/metrics/" + m.id();
    }

    static String ownerPath(Owner owner) {
        return owner.type() == Owner.Type.PRODUCT ? "/admin/api/services/" + owner.id()
                : "/admin/api/backend_apis/" + owner.id();
    }

    /**
     * One metric or method. Product metrics carry {@code name} (= system_name); backend metrics do
     * not, as in 3scale. Methods carry {@code parent_id}, which is how clients tell them apart in
     * the combined list.
     */
    static ObjectNode render(Metric m, String baseUrl) {
        ObjectNode node = Representation.object().put("id", m.id());
        if (m.owner().type() == Owner.Type.PRODUCT) {
            node.put("name", m.systemName());
        }
        node.put("system_name", m.systemName())
                .put("friendly_name", m.friendlyName())
                .put("description", m.description())
                .put("unit", m.unit());
        if (m.isMethod()) {
            node.put("parent_id", m.parentId());
        }
        Representation.timestamps(node, m.createdAt(), m.updatedAt());
        String owner = ownerPath(m.owner());
        if (m.isMethod()) {
            Representation.link(node, "parent", baseUrl, owner + "/metrics/" + m.parentId());
        } else {
            Representation.link(node, m.owner().type() == Owner.Type.PRODUCT ? "service" : "backend_api",
                    baseUrl, owner);
        }
        Representation.link(node, "self", baseUrl, path(m));
        return node;
    }
}
