package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.server.domain.ReferrerFilterService;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;
import io.tollgate.store.ReferrerFilterDao.ReferrerFilter;

/**
 * {@code /admin/api/accounts/:account_id/applications/:application_id/referrer_filters}: the 3scale
 * referrer filter endpoints. The value is sent as {@code referrer_filter}.
 */
public final class ReferrerFiltersResource implements Routes.Resource {
    private static final String KEY = "referrer_filter";
    private static final String BASE = DeveloperJson.ACCOUNTS + "/:account_id/applications/:application_id"
            + "/referrer_filters";

    private final ReferrerFilterService filters;

    public ReferrerFiltersResource(ReferrerFilterService filters) {
        this.filters = filters;
    }

    @Override
    public void register(Routes routes) {
        routes.get(BASE, r -> ApiResponse.ok(Representation.list("referrer_filters", KEY,
                        filters.list(r.accountId(), r.id("account_id"), r.id("application_id")),
                        ReferrerFiltersResource::render)))
                .post(BASE, r -> {
                    ReferrerFilter created = filters.create(r.accountId(), r.id("account_id"),
                            r.id("application_id"), r.fields(null));
                    return ApiResponse.created(Representation.wrap(KEY, render(created)), r.baseUrl()
                            + r.pathWithParams() + "/" + created.id());
                })
                .get(BASE + "/:id", r -> ApiResponse.ok(Representation.wrap(KEY, render(filters.find(
                        r.accountId(), r.id("account_id"), r.id("application_id"), r.id("id"))))))
                .delete(BASE + "/:id", r -> {
                    filters.delete(r.accountId(), r.id("account_id"), r.id("application_id"), r.id("id"));
                    return ApiResponse.deleted();
                });
    }

    static ObjectNode render(ReferrerFilter filter) {
        return Representation.object()
                .put("id", filter.id())
                .put("value", filter.value())
                .put("application_id", filter.applicationId());
    }
}
