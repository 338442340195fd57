package io.tollgate.server.api;

import io.tollgate.model.Account;
import io.tollgate.server.domain.EndpointDefaults;
import io.tollgate.server.domain.ProviderService;
import io.tollgate.server.http.ApiRequest;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;

/** {@code /admin/api/provider}: the calling tenant's own account, as {@code {"account":{…}}}. */
public final class ProviderResource implements Routes.Resource {
    private static final String BASE = "/admin/api/provider";

    private final ProviderService provider;
    private final EndpointDefaults endpoints;

    public ProviderResource(ProviderService provider, EndpointDefaults endpoints) {
        this.provider = provider;
        this.endpoints = endpoints;
    }

    @Override
    public void register(Routes routes) {
        routes.get(BASE, r -> ok(provider.find(r.accountId()), r))
                .put(BASE, r -> ok(provider.update(r.accountId(), r.fields("account")), r));
    }

    private ApiResponse ok(Account account, ApiRequest r) {
        return ApiResponse.ok(Representation.wrap("account",
                AccountJson.render(account, provider.users(account.id()), endpoints, r.baseUrl(),
                        "/admin/api/provider")));
    }
}
