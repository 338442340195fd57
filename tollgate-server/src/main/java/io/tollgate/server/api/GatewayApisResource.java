package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.PolicyConfig;
import io.tollgate.server.domain.GatewayApiPolicyService;
import io.tollgate.server.domain.GatewayApiService;
import io.tollgate.server.domain.GatewayApiView;
import io.tollgate.server.http.ApiRequest;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;

/**
 * {@code /admin/api/gateway_apis}: API instances, products placed on a registered gateway and a
 * listener port (docs/admin-api/gateway-apis.md), and their policies under
 * {@code /admin/api/gateway_apis/:api/policies}. {@code :api} is the API's id or name. Every write
 * deploys (and, on a production gateway, promotes) the product's proxy configuration.
 */
public final class GatewayApisResource implements Routes.Resource {
    private static final String BASE = "/admin/api/gateway_apis";
    private static final String ONE = BASE + "/:api";
    private static final String KEY = "gateway_api";

    private final GatewayApiService apis;
    private final GatewayApiPolicyService policies;

    public GatewayApisResource(GatewayApiService apis, GatewayApiPolicyService policies) {
        this.apis = apis;
        this.policies = policies;
    }

    @Override
    public void register(Routes routes) {
        routes.get(BASE, r -> ApiResponse.ok(Representation.list("gateway_apis", KEY,
                        apis.list(r.accountId(), GatewaysResource.text(r, "gateway")), GatewayApisResource::render)))
                .post(BASE, r -> {
                    GatewayApiView created = apis.create(r.accountId(), r.fields(KEY));
                    return ApiResponse.created(Representation.wrap(KEY, render(created)),
                            r.baseUrl() + BASE + "/" + created.api().id());
                })
                .get(ONE, r -> ok(apis.find(r.accountId(), api(r))))
                .put(ONE, r -> ok(apis.update(r.accountId(), api(r), r.fields(KEY))))
                .delete(ONE, r -> {
                    apis.delete(r.accountId(), api(r));
                    return ApiResponse.deleted();
                })
                .post(ONE + "/policies", r -> {
                    GatewayApiView changed = policies.add(r.accountId(), api(r), r.fields(null));
                    return ApiResponse.created(Representation.wrap(KEY, render(changed)),
                            r.baseUrl() + BASE + "/" + changed.api().id());
                })
                .put(ONE + "/policies/:policy", r -> ok(policies.update(r.accountId(), api(r), r.pathParam("policy"),
                        r.fields(null))))
                .delete(ONE + "/policies/:policy", r -> ok(policies.remove(r.accountId(), api(r),
                        r.pathParam("policy"))));
    }

    private static String api(ApiRequest r) {
        return r.pathParam("api");
    }

    private static ApiResponse ok(GatewayApiView view) {
        return ApiResponse.ok(Representation.wrap(KEY, render(view)));
    }

    /** Never the private key: it is write-only (the certificate is public and shown). */
    static ObjectNode render(GatewayApiView v) {
        ObjectNode node = Representation.object()
                .put("id", v.api().id())
                .put("name", v.product().systemName())
                .put("service_id", v.product().id())
                .put("backend_api_id", v.backend() == null ? null : v.backend().id())
                .put("gateway_id", v.gateway().id())
                .put("gateway", v.gateway().name())
                .put("environment", v.gateway().environment())
                .put("port", v.api().port())
                .put("scheme", v.api().scheme())
                .put("upstream", v.backend() == null ? null : v.backend().privateEndpoint());
        if (v.api().certificatePem() != null) {
            node.put("certificate", v.api().certificatePem());
        }
        ArrayNode list = node.putArray("policies");
        for (PolicyConfig entry : v.chain()) {
            ObjectNode policy = list.addObject().put("policy", GatewayApiView.policyName(entry));
            policy.set("configuration", entry.configuration().deepCopy());
            policy.put("enabled", entry.enabled());
        }
        node.put("proxy_config_version", v.configVersion());
        Representation.timestamps(node, v.api().createdAt(), v.api().updatedAt());
        return node;
    }
}
