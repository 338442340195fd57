package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.Account;
import io.tollgate.server.domain.EndpointDefaults;
import io.tollgate.server.domain.TenantService;
import io.tollgate.server.http.Access;
import io.tollgate.server.http.ApiRequest;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;

/**
 * {@code /master/api/providers}: tenants, managed with a master token. Creating one answers
 * 201 {@code {"signup":{"account":{…},"access_token":{…,"value":"…"}}}}; the token value is shown
 * only in that response.
 */
public final class ProvidersResource implements Routes.Resource {
    private static final String BASE = "/master/api/providers";

    private final TenantService tenants;
    private final EndpointDefaults endpoints;

    public ProvidersResource(TenantService tenants, EndpointDefaults endpoints) {
        this.tenants = tenants;
        this.endpoints = endpoints;
    }

    @Override
    public void register(Routes routes) {
        routes.add("POST", BASE, Access.writing().forMaster(), this::signup)
                .add("GET", BASE, Access.reading().forMaster(), r -> ApiResponse.ok(Representation.list("accounts",
                        "account", tenants.list(r.accountId(), r.page()), a -> render(a, r))))
                .add("GET", BASE + "/:id", Access.reading().forMaster(),
                        r -> ok(tenants.find(r.accountId(), r.id("id")), r))
                .add("PUT", BASE + "/:id", Access.writing().forMaster(),
                        r -> ok(tenants.update(r.accountId(), r.id("id"), r.fields("account")), r))
                .add("DELETE", BASE + "/:id", Access.writing().forMaster(), r -> {
                    tenants.delete(r.accountId(), r.id("id"));
                    return ApiResponse.deleted();
                });
    }

    private ApiResponse signup(ApiRequest r) {
        TenantService.Signup signup = tenants.signup(r.accountId(), r.fields("account"));
        ObjectNode token = Representation.object()
                .put("id", signup.token().id())
                .put("name", signup.token().name());
        ArrayNode scopes = token.putArray("scopes");
        signup.token().scopes().forEach(s -> scopes.add(s.wire()));
        token.put("permission", signup.token().permission().wire())
                .put("value", signup.tokenValue());
        ObjectNode body = Representation.object();
        ObjectNode inner = body.putObject("signup");
        // The provider key (for the Service Management API) is stored as a digest: shown only here.
        inner.set("account", render(signup.account(), r).put("provider_key", signup.providerKey()));
        inner.set("access_token", token);
        return ApiResponse.created(body, r.baseUrl() + BASE + "/" + signup.account().id());
    }

    private ApiResponse ok(Account account, ApiRequest r) {
        return ApiResponse.ok(Representation.wrap("account", render(account, r)));
    }

    private ObjectNode render(Account account, ApiRequest r) {
        return AccountJson.render(account, tenants.users(account.id()), endpoints, r.baseUrl(),
                BASE + "/" + account.id());
    }
}
