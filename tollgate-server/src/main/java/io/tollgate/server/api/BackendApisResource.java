package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.BackendApi;
import io.tollgate.server.domain.BackendApiService;
import io.tollgate.server.http.ApiRequest;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;

/**
 * {@code /admin/api/backend_apis}: backends. Bodies are flat (as the 3scale Ruby client sends
 * them) or wrapped in {@code backend_api}.
 */
public final class BackendApisResource implements Routes.Resource {
    private static final String BASE = "/admin/api/backend_apis";
    private static final String KEY = "backend_api";

    private final BackendApiService backends;

    public BackendApisResource(BackendApiService backends) {
        this.backends = backends;
    }

    @Override
    public void register(Routes routes) {
        routes.get(BASE, r -> ApiResponse.ok(Representation.list("backend_apis", KEY,
                        backends.list(r.accountId(), r.page()), b -> render(b, r.baseUrl()))))
                .post(BASE, r -> {
                    BackendApi created = backends.create(r.accountId(), r.fields(KEY));
                    return ApiResponse.created(Representation.wrap(KEY, render(created, r.baseUrl())),
                            r.baseUrl() + BASE + "/" + created.id());
                })
                .get(BASE + "/:id", r -> ok(backends.find(r.accountId(), r.id("id")), r))
                .put(BASE + "/:id", r -> ok(backends.update(r.accountId(), r.id("id"), r.fields(KEY)), r))
                .patch(BASE + "/:id", r -> ok(backends.update(r.accountId(), r.id("id"), r.fields(KEY)), r))
                .delete(BASE + "/:id", r -> {
                    backends.delete(r.accountId(), r.id("id"));
                    return ApiResponse.deleted();
                });
    }

    private static ApiResponse ok(BackendApi backend, ApiRequest r) {
        return ApiResponse.ok(Representation.wrap(KEY, render(backend, r.baseUrl())));
    }

    static ObjectNode render(BackendApi b, String baseUrl) {
        ObjectNode node = Representation.object()
                .put("id", b.id())
                .put("name", b.name())
                .put("system_name", b.systemName())
                .put("description", b.description())
                .put("private_endpoint", b.privateEndpoint())
                .put("account_id", b.accountId());
        Representation.timestamps(node, b.createdAt(), b.updatedAt());
        ObjectNode annotations = node.putObject("annotations");
        b.annotations().forEach(annotations::put);
        String self = BASE + "/" + b.id();
        Representation.link(node, "metrics", baseUrl, self + "/metrics");
        Representation.link(node, "mapping_rules", baseUrl, self + "/mapping_rules");
        Representation.link(node, "self", baseUrl, self);
        return node;
    }
}
