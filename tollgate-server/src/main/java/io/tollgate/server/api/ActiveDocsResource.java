package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.ActiveDoc;
import io.tollgate.server.domain.ActiveDocService;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;

/**
 * {@code /admin/api/active_docs}: OpenAPI documents. Bodies are flat, as the 3scale toolbox sends
 * them, or wrapped in {@code api_doc}; the list is {@code {"api_docs":[{"api_doc":{…}}]}}.
 */
public final class ActiveDocsResource implements Routes.Resource {
    private static final String BASE = "/admin/api/active_docs";
    private static final String KEY = "api_doc";

    private final ActiveDocService docs;

    public ActiveDocsResource(ActiveDocService docs) {
        this.docs = docs;
    }

    @Override
    public void register(Routes routes) {
        routes.get(BASE, r -> ApiResponse.ok(Representation.list("api_docs", KEY, docs.list(r.accountId()),
                        ActiveDocsResource::render)))
                .post(BASE, r -> {
                    ActiveDoc created = docs.create(r.accountId(), r.fields(KEY));
                    return ApiResponse.created(Representation.wrap(KEY, render(created)),
                            r.baseUrl() + BASE + "/" + created.id());
                })
                .get(BASE + "/:id", r -> ok(docs.find(r.accountId(), r.id("id"))))
                .put(BASE + "/:id", r -> ok(docs.update(r.accountId(), r.id("id"), r.fields(KEY))))
                .patch(BASE + "/:id", r -> ok(docs.update(r.accountId(), r.id("id"), r.fields(KEY))))
                .delete(BASE + "/:id", r -> {
                    docs.delete(r.accountId(), r.id("id"));
                    return ApiResponse.deleted();
                });
    }

    private static ApiResponse ok(ActiveDoc doc) {
        return ApiResponse.ok(Representation.wrap(KEY, render(doc)));
    }

    static ObjectNode render(ActiveDoc d) {
        ObjectNode node = Representation.object()
                .put("id", d.id())
                .put("name", d.name())
                .put("system_name", d.systemName())
                .put("description", d.description())
                .put("published", d.published())
                .put("skip_swagger_validations", d.skipSwaggerValidations())
                .put("body", d.body());
        if (d.serviceId() == null) {
            node.putNull("service_id");
        } else {
            node.put("service_id", d.serviceId());
        }
        Representation.timestamps(node, d.createdAt(), d.updatedAt());
        return node;
    }
}
