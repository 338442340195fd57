package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.AccessToken;
import io.tollgate.server.domain.AccessTokenService;
import io.tollgate.server.http.ApiRequest;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;

/**
 * Personal access tokens: {@code /admin/api/personal/access_tokens} for the calling user, and
 * {@code POST /admin/api/users/:user_id/access_tokens} for another user of the same tenant. The
 * token value appears only in the 201 response of a create.
 */
public final class AccessTokensResource implements Routes.Resource {
    private static final String BASE = "/admin/api/personal/access_tokens";
    // 3scale wraps token bodies in "token": "access_token" is the credential parameter.
    private static final String WRAPPER = "token";

    private final AccessTokenService tokens;

    public AccessTokensResource(AccessTokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public void register(Routes routes) {
        routes.get(BASE, r -> ApiResponse.ok(Representation.list("access_tokens", "access_token",
                        tokens.list(r.accountId(), r.principal().userId(), r.page()), AccessTokensResource::render)))
                .post(BASE, r -> created(tokens.create(r.accountId(), r.principal().userId(), r.fields(WRAPPER)), r))
                .get(BASE + "/:id", r -> ApiResponse.ok(Representation.wrap("access_token",
                        render(tokens.find(r.accountId(), r.principal().userId(), r.id("id"))))))
                .delete(BASE + "/:id", r -> {
                    tokens.delete(r.accountId(), r.principal().userId(), r.id("id"));
                    return ApiResponse.deleted();
                })
                .post("/admin/api/users/:user_id/access_tokens",
                        r -> created(tokens.create(r.accountId(), r.id("user_id"), r.fields(WRAPPER)), r));
    }

    private static ApiResponse created(AccessTokenService.Issued issued, ApiRequest r) {
        ObjectNode node = render(issued.token()).put("value", issued.value());
        return ApiResponse.created(Representation.wrap("access_token", node),
                r.baseUrl() + BASE + "/" + issued.token().id());
    }

    /** A token without its value, which is never stored. */
    static ObjectNode render(AccessToken t) {
        ObjectNode node = Representation.object()
                .put("id", t.id())
                .put("name", t.name());
        ArrayNode scopes = node.putArray("scopes");
        t.scopes().forEach(s -> scopes.add(s.wire()));
        return node.put("permission", t.permission().wire())
                .put("expires_at", Representation.timestamp(t.expiresAt()))
                .put("created_at", Representation.timestamp(t.createdAt()));
    }
}
