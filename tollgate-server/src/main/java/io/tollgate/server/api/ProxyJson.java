package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.OidcConfiguration;
import io.tollgate.model.PolicyConfig;
import io.tollgate.model.Proxy;
import io.tollgate.model.ProxySettings;
import io.tollgate.server.domain.ProxySettingsJson;
import java.util.List;

/**
 * The 3scale shapes of a proxy: the grouped {@link ProxySettings} flattened into the wire names
 * ({@code error_status_auth_failed}, {@code auth_user_key}, …), the policy chain, and the OIDC
 * flows.
 */
public final class ProxyJson {
    private ProxyJson() {
    }

    static String path(long productId) {
        return "/admin/api/services/" + productId + "/proxy";
    }

    public static ObjectNode proxy(Proxy p, String baseUrl) {
        ProxySettings s = p.settings();
        ObjectNode node = Representation.object()
                .put("service_id", p.serviceId())
                .put("endpoint", s.endpoint())
                .put("sandbox_endpoint", s.sandboxEndpoint())
                .put("api_backend", s.apiBackend());
        ProxySettingsJson.write(node, s);
        node.put("api_test_path", s.apiTestPath());
        node.set("policies_config", chain(p.policiesConfig()));
        node.put("lock_version", p.lockVersion());
        Representation.timestamps(node, p.createdAt(), p.updatedAt());
        Representation.link(node, "service", baseUrl, "/admin/api/services/" + p.serviceId());
        Representation.link(node, "self", baseUrl, path(p.serviceId()));
        return node;
    }

    /** {@code error_<kind>}, {@code error_status_<kind>}, {@code error_headers_<kind>}. */
    public static ArrayNode chain(List<PolicyConfig> chain) {
        ArrayNode array = Representation.NODES.arrayNode();
        for (PolicyConfig policy : chain) {
            ObjectNode entry = array.addObject()
                    .put("name", policy.name())
                    .put("version", policy.version());
            entry.set("configuration", policy.configuration().deepCopy());
            entry.put("enabled", policy.enabled());
        }
        return array;
    }

    /** The OIDC flows; their id is the proxy's, as Tollgate keeps them in the proxy row. */
    public static ObjectNode oidc(Proxy p) {
        OidcConfiguration o = p.oidcConfiguration();
        return Representation.object()
                .put("id", p.id())
                .put("standard_flow_enabled", o.standardFlowEnabled())
                .put("implicit_flow_enabled", o.implicitFlowEnabled())
                .put("service_accounts_enabled", o.serviceAccountsEnabled())
                .put("direct_access_grants_enabled", o.directAccessGrantsEnabled());
    }
}
