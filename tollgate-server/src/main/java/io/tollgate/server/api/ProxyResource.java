package io.tollgate.server.api;

import io.tollgate.model.Proxy;
import io.tollgate.model.TokenScope;
import io.tollgate.server.domain.PolicyChain;
import io.tollgate.server.domain.ProxyService;
import io.tollgate.server.http.Access;
import io.tollgate.server.http.ApiHandler;
import io.tollgate.server.http.ApiRequest;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;

/**
 * {@code /admin/api/services/:id/proxy} with its {@code oidc_configuration} and {@code policies}.
 * PATCH and PUT both update only the fields given: 3scale documents PATCH, while the 3scale Go
 * client sends PUT. The product in the path always wins over any {@code service_id} in the body.
 */
public final class ProxyResource implements Routes.Resource {
    private static final String BASE = "/admin/api/services/:id/proxy";

    private final ProxyService proxies;

    public ProxyResource(ProxyService proxies) {
        this.proxies = proxies;
    }

    @Override
    public void register(Routes routes) {
        ApiHandler updateProxy = r -> proxy(proxies.update(r.accountId(), r.id("id"), r.fields("proxy")), r);
        ApiHandler updateOidc = r -> oidc(proxies.updateOidc(r.accountId(), r.id("id"),
                r.fields("oidc_configuration")));
        // The chain is also managed with policy_registry tokens, as in 3scale.
        Access readChain = Access.reading().orScope(TokenScope.POLICY_REGISTRY);
        Access writeChain = Access.writing().orScope(TokenScope.POLICY_REGISTRY);
        routes.get(BASE, r -> proxy(proxies.find(r.accountId(), r.id("id")), r))
                .patch(BASE, updateProxy)
                .put(BASE, updateProxy)
                .get(BASE + "/oidc_configuration", r -> oidc(proxies.find(r.accountId(), r.id("id"))))
                .patch(BASE + "/oidc_configuration", updateOidc)
                .put(BASE + "/oidc_configuration", updateOidc)
                .add("GET", BASE + "/policies", readChain, r -> chain(proxies.find(r.accountId(), r.id("id"))))
                .add("PUT", BASE + "/policies", writeChain, r -> chain(proxies.replacePolicies(r.accountId(),
                        r.id("id"), r.params().has(PolicyChain.FIELD) ? r.params().get(PolicyChain.FIELD)
                                : r.params().get("_json"))))
                .acceptingArrayBody();
    }

    private static ApiResponse proxy(Proxy proxy, ApiRequest r) {
        return ApiResponse.ok(Representation.wrap("proxy", ProxyJson.proxy(proxy, r.baseUrl())));
    }

    private static ApiResponse oidc(Proxy proxy) {
        return ApiResponse.ok(Representation.wrap("oidc_configuration", ProxyJson.oidc(proxy)));
    }

    private static ApiResponse chain(Proxy proxy) {
        return ApiResponse.ok(Representation.wrap(PolicyChain.FIELD, ProxyJson.chain(proxy.policiesConfig())));
    }
}
