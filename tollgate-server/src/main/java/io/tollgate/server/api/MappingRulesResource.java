package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.MappingRule;
import io.tollgate.model.Owner;
import io.tollgate.server.domain.MappingRuleService;
import io.tollgate.server.http.ApiRequest;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;
import java.util.function.Function;

/**
 * Mapping rules of products ({@code /admin/api/services/:owner/proxy/mapping_rules}) and backends
 * ({@code /admin/api/backend_apis/:owner/mapping_rules}). Bodies are wrapped in
 * {@code mapping_rule} or flat.
 */
public final class MappingRulesResource implements Routes.Resource {
    private static final String KEY = "mapping_rule";

    private final MappingRuleService rules;

    public MappingRulesResource(MappingRuleService rules) {
        this.rules = rules;
    }

    @Override
    public void register(Routes routes) {
        Function<ApiRequest, Owner> product = r -> Owner.product(r.id("owner"));
        Function<ApiRequest, Owner> backend = r -> Owner.backend(r.id("owner"));
        collection(routes, "/admin/api/services/:owner/proxy/mapping_rules", product);
        item(routes, "/admin/api/services/:owner/proxy/mapping_rules/:id", product);
        // The 3scale Ruby client's update_mapping_rule PATCHes this path, without "/proxy".
        item(routes, "/admin/api/services/:owner/mapping_rules/:id", product);
        collection(routes, "/admin/api/backend_apis/:owner/mapping_rules", backend);
        item(routes, "/admin/api/backend_apis/:owner/mapping_rules/:id", backend);
    }

    private void collection(Routes routes, String path, Function<ApiRequest, Owner> ownerOf) {
        routes.get(path, r -> ApiResponse.ok(Representation.list("mapping_rules", KEY,
                        rules.list(r.accountId(), ownerOf.apply(r), r.page()), m -> render(m, r.baseUrl()))))
                .post(path, r -> {
                    MappingRule created = rules.create(r.accountId(), ownerOf.apply(r), r.fields(KEY));
                    return ApiResponse.created(Representation.wrap(KEY, render(created, r.baseUrl())),
                            r.baseUrl() + path(created));
                });
    }

    private void item(Routes routes, String path, Function<ApiRequest, Owner> ownerOf) {
        routes.get(path, r -> ok(rules.find(r.accountId(), ownerOf.apply(r), r.id("id")), r))
                .put(path, r -> ok(rules.update(r.accountId(), ownerOf.apply(r), r.id("id"), r.fields(KEY)), r))
                .patch(path, r -> ok(rules.update(r.accountId(), ownerOf.apply(r), r.id("id"), r.fields(KEY)), r))
                .delete(path, r -> {
                    rules.delete(r.accountId(), ownerOf.apply(r), r.id("id"));
                    return ApiResponse.deleted();
                });
    }

    private static ApiResponse ok(MappingRule rule, ApiRequest r) {
        return ApiResponse.ok(Representation.wrap(KEY, render(rule, r.baseUrl())));
    }

    /** The canonical path of a rule (product rules live under {@code /proxy}). */
    static String path(MappingRule rule) {
        String owner = MetricsResource.ownerPath(rule.owner());
        return rule.owner().type() == Owner.Type.PRODUCT ? owner + "/proxy/mapping_rules/" + rule.id()
                : owner + "/mapping_rules/" + rule.id();
    }

    static ObjectNode render(MappingRule rule, String baseUrl) {
        boolean product = rule.owner().type() == Owner.Type.PRODUCT;
        ObjectNode node = Representation.object()
                .put("id", rule.id())
                .put("metric_id", rule.metricId())
                .put("pattern", rule.pattern())
                .put("http_method", rule.httpMethod())
                .put("delta", rule.delta())
                .put("position", rule.position())
                .put("last", rule.last())
                .put("redirect_url", rule.redirectUrl())
                .put("owner_id", rule.owner().id())
                .put("owner_type", product ? "Service" : "BackendApi");
        Representation.timestamps(node, rule.createdAt(), rule.updatedAt());
        Representation.link(node, "self", baseUrl, path(rule));
        Representation.link(node, product ? "service" : "backend_api", baseUrl,
                MetricsResource.ownerPath(rule.owner()));
        return node;
    }
}
