package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.BackendUsage;
import io.tollgate.server.domain.BackendUsageService;
import io.tollgate.server.http.ApiRequest;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;

/**
 * {@code /admin/api/services/:owner/backend_usages}: which backends a product uses, and where.
 * The list is a bare JSON array, and an item names its backend {@code backend_id} although
 * requests name it {@code backend_api_id}; both quirks are 3scale's, and clients rely on them.
 */
public final class BackendUsagesResource implements Routes.Resource {
    private static final String BASE = "/admin/api/services/:owner/backend_usages";
    private static final String KEY = "backend_usage";

    private final BackendUsageService usages;

    public BackendUsagesResource(BackendUsageService usages) {
        this.usages = usages;
    }

    @Override
    public void register(Routes routes) {
        routes.get(BASE, r -> ApiResponse.ok(Representation.bareList(KEY,
                        usages.list(r.accountId(), r.id("owner")), u -> render(u, r.baseUrl()))))
                .post(BASE, r -> {
                    BackendUsage created = usages.create(r.accountId(), r.id("owner"), r.fields(KEY));
                    return ApiResponse.created(Representation.wrap(KEY, render(created, r.baseUrl())),
                            r.baseUrl() + path(created));
                })
                .get(BASE + "/:id", r -> ok(usages.find(r.accountId(), r.id("owner"), r.id("id")), r))
                .put(BASE + "/:id", r -> ok(usages.update(r.accountId(), r.id("owner"), r.id("id"),
                        r.fields(KEY)), r))
                .delete(BASE + "/:id", r -> {
                    usages.delete(r.accountId(), r.id("owner"), r.id("id"));
                    return ApiResponse.deleted();
                });
    }

    private static ApiResponse ok(BackendUsage usage, ApiRequest r) {
        return ApiResponse.ok(Representation.wrap(KEY, render(usage, r.baseUrl())));
    }

    private static String path(BackendUsage u) {
        return "/admin/api/services/" + u.serviceId() + "/backend_usages/" + u.id();
    }

    static ObjectNode render(BackendUsage u, String baseUrl) {
        ObjectNode node = Representation.object()
                .put("id", u.id())
                .put("path", u.path())
                .put("service_id", u.serviceId())
                .put("backend_id", u.backendApiId());
        Representation.link(node, "service", baseUrl, "/admin/api/services/" + u.serviceId());
        Representation.link(node, "backend_api", baseUrl, "/admin/api/backend_apis/" + u.backendApiId());
        Representation.link(node, "self", baseUrl, path(u));
        return node;
    }
}
