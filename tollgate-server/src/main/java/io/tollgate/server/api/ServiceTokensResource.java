package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.server.domain.ServiceTokenService;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;
import io.tollgate.store.ServiceTokenDao.ServiceToken;

/**
 * {@code /admin/api/services/:service_id/service_tokens}: the tokens a gateway authenticates to the
 * meter with (a Tollgate extension; 3scale manages them in its UI). Values are shown in full: like
 * the proxy's secret token they are configuration, not a user's credential.
 */
public final class ServiceTokensResource implements Routes.Resource {
    private static final String KEY = "service_token";
    private static final String BASE = "/admin/api/services/:service_id/service_tokens";

    private final ServiceTokenService tokens;

    public ServiceTokensResource(ServiceTokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public void register(Routes routes) {
        routes.get(BASE, r -> ApiResponse.ok(Representation.list("service_tokens", KEY,
                        tokens.list(r.accountId(), r.id("service_id")), ServiceTokensResource::render)))
                .post(BASE, r -> {
                    ServiceToken created = tokens.create(r.accountId(), r.id("service_id"));
                    return ApiResponse.created(Representation.wrap(KEY, render(created)), r.baseUrl()
                            + "/admin/api/services/" + created.serviceId() + "/service_tokens/" + created.id());
                })
                .get(BASE + "/:id", r -> ApiResponse.ok(Representation.wrap(KEY, render(tokens.find(r.accountId(),
                        r.id("service_id"), r.id("id"))))))
                .delete(BASE + "/:id", r -> {
                    tokens.delete(r.accountId(), r.id("service_id"), r.id("id"));
                    return ApiResponse.deleted();
                });
    }

    static ObjectNode render(ServiceToken token) {
        return Representation.object()
                .put("id", token.id())
                .put("value", token.value())
                .put("created_at", Representation.timestamp(token.createdAt()));
    }
}
