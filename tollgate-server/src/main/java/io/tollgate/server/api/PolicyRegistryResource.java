package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.CustomPolicy;
import io.tollgate.model.TokenScope;
import io.tollgate.server.domain.PolicyRegistryService;
import io.tollgate.server.http.Access;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;
import java.util.Set;

/**
 * {@code /admin/api/registry/policies}: the tenant's custom policies, which need the
 * {@code policy_registry} scope (as in 3scale); and {@code /admin/api/policies}, every policy a
 * chain can use (builtin and custom manifests), readable with {@code account_management} or
 * {@code policy_registry}. Registry bodies are flat: {@code name}, {@code version}, {@code schema}.
 */
public final class PolicyRegistryResource implements Routes.Resource {
    private static final String BASE = "/admin/api/registry/policies";
    private static final String KEY = "policy";

    private final PolicyRegistryService registry;

    public PolicyRegistryResource(PolicyRegistryService registry) {
        this.registry = registry;
    }

    @Override
    public void register(Routes routes) {
        Access read = new Access(Set.of(TokenScope.POLICY_REGISTRY), false, false);
        Access write = new Access(Set.of(TokenScope.POLICY_REGISTRY), true, false);
        routes.add("GET", BASE, read, r -> ApiResponse.ok(Representation.list("policies", KEY,
                        registry.list(r.accountId()), PolicyRegistryResource::render)))
                .add("POST", BASE, write, r -> {
                    CustomPolicy created = registry.create(r.accountId(), r.fields(KEY));
                    return ApiResponse.created(Representation.wrap(KEY, render(created)),
                            r.baseUrl() + BASE + "/" + created.id());
                })
                .add("GET", BASE + "/:id", read, r -> ok(registry.find(r.accountId(), r.pathParam("id"))))
                .add("PUT", BASE + "/:id", write, r -> ok(registry.update(r.accountId(), r.pathParam("id"),
                        r.fields(KEY))))
                .add("DELETE", BASE + "/:id", write, r -> {
                    registry.delete(r.accountId(), r.pathParam("id"));
                    return ApiResponse.deleted();
                })
                .add("GET", "/admin/api/policies", Access.reading().orScope(TokenScope.POLICY_REGISTRY),
                        r -> ApiResponse.ok(Representation.wrap("policies", registry.available(r.accountId()))));
    }

    private static ApiResponse ok(CustomPolicy policy) {
        return ApiResponse.ok(Representation.wrap(KEY, render(policy)));
    }

    static ObjectNode render(CustomPolicy p) {
        ObjectNode node = Representation.object()
                .put("id", p.id())
                .put("name", p.name())
                .put("version", p.version());
        node.set("schema", p.schema());
        Representation.timestamps(node, p.createdAt(), p.updatedAt());
        return node;
    }
}
