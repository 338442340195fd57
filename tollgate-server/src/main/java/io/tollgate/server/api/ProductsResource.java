package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.Product;
import io.tollgate.server.domain.ProductService;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;

/** {@code /admin/api/services}: products. */
public final class ProductsResource implements Routes.Resource {
    private static final String BASE = "/admin/api/services";

    private final ProductService products;

    public ProductsResource(ProductService products) {
        this.products = products;
    }

    @Override
    public void register(Routes routes) {
        routes.get(BASE, r -> ApiResponse.ok(Representation.list("services", "service",
                        products.list(r.accountId(), r.page()), p -> render(p, r.baseUrl()))))
                .post(BASE, r -> {
                    Product created = products.create(r.accountId(), r.fields("service"));
                    return ApiResponse.created(Representation.wrap("service", render(created, r.baseUrl())),
                            r.baseUrl() + BASE + "/" + created.id());
                })
                .get(BASE + "/:id", r -> ok(products.find(r.accountId(), r.id("id")), r.baseUrl()))
                .put(BASE + "/:id", r -> ok(products.update(r.accountId(), r.id("id"), r.fields("service")),
                        r.baseUrl()))
                .patch(BASE + "/:id", r -> ok(products.update(r.accountId(), r.id("id"), r.fields("service")),
                        r.baseUrl()))
                .delete(BASE + "/:id", r -> {
                    products.delete(r.accountId(), r.id("id"));
                    return ApiResponse.deleted();
                });
    }

    private static ApiResponse ok(Product product, String baseUrl) {
        return ApiResponse.ok(Representation.wrap("service", render(product, baseUrl)));
    }

    static ObjectNode render(Product p, String baseUrl) {
        ObjectNode node = Representation.object()
                .put("id", p.id())
                .put("account_id", p.accountId())
                .put("name", p.name())
                .put("state", p.state())
                .put("system_name", p.systemName())
                .put("backend_version", p.backendVersion())
                .put("deployment_option", p.deploymentOption())
                .put("support_email", p.supportEmail())
                .put("description", p.description())
                .put("referrer_filters_required", p.referrerFiltersRequired());
        Representation.timestamps(node, p.createdAt(), p.updatedAt());
        ObjectNode annotations = node.putObject("annotations");
        p.annotations().forEach(annotations::put);
        String self = BASE + "/" + p.id();
        Representation.link(node, "metrics", baseUrl, self + "/metrics");
        Representation.link(node, "self", baseUrl, self);
        Representation.link(node, "features", baseUrl, self + "/features");
        return node;
    }
}
