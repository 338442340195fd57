package io.tollgate.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds a product's configuration content the way the control plane writes it
 * (docs/proxy-config-content.md), with every field present; tests change what they are about.
 */
public final class ProductJson {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root = JSON.createObjectNode();
    private final ObjectNode proxy;
    private final ArrayNode rules;
    private final ArrayNode chain;

    private ProductJson(long id, String host) {
        root.put("id", id).put("account_id", 2).put("name", "Product " + id).put("system_name", "product_" + id)
                .put("backend_version", "1").put("backend_authentication_type", "service_token")
                .put("backend_authentication_value", "st-" + id);
        proxy = root.putObject("proxy");
        proxy.put("id", 100 + id).put("service_id", id).put("endpoint", "http://" + host + ":8080")
                .put("sandbox_endpoint", "http://" + host + ":8090");
        proxy.putArray("hosts").add(host);
        proxy.putNull("api_backend");
        proxy.put("credentials_location", "query").put("auth_user_key", "user_key").put("auth_app_id", "app_id")
                .put("auth_app_key", "app_key");
        error("auth_failed", 403, "Authentication failed");
        error("auth_missing", 403, "Authentication parameters missing");
        error("no_match", 404, "No Mapping Rule matched");
        error("limits_exceeded", 429, "Usage limit exceeded");
        proxy.putNull("secret_token").putNull("hostname_rewrite").putNull("oidc_issuer_endpoint")
                .put("oidc_issuer_type", "keycloak").putNull("jwt_claim_with_client_id")
                .put("jwt_claim_with_client_id_type", "plain");
        chain = proxy.putArray("policy_chain");
        chain.addObject().put("name", "apicast").put("version", "builtin").putObject("configuration");
        rules = proxy.putArray("proxy_rules");
    }

    private void error(String kind, int status, String body) {
        proxy.put("error_" + kind, body).put("error_status_" + kind, status)
                .put("error_headers_" + kind, "text/plain; charset=us-ascii");
    }

    /** Product {@code id} answering for {@code host}, user_key in the query, chain [apicast], no rules. */
    public static ProductJson product(long id, String host) {
        return new ProductJson(id, host);
    }

    public ProductJson apiBackend(String url) {
        proxy.put("api_backend", url);
        return this;
    }

    public ProductJson backendVersion(String version) {
        root.put("backend_version", version);
        return this;
    }

    public ProductJson serviceToken(String token) {
        root.put("backend_authentication_value", token);
        return this;
    }

    public ProductJson proxy(String field, Object value) {
        proxy.set(field, JSON.valueToTree(value));
        return this;
    }

    public ProductJson host(String host) {
        proxy.withArray("hosts").add(host);
        return this;
    }

    public ProductJson rule(String method, String pattern, String metric, long delta, boolean last) {
        rules.addObject().put("id", rules.size() + 1).put("http_method", method).put("pattern", pattern)
                .put("metric_system_name", metric).put("delta", delta).put("last", last)
                .put("position", rules.size() + 1).put("owner_id", root.get("id").asLong()).put("owner_type", "Service");
        return this;
    }

    public ProductJson rule(String method, String pattern, String metric) {
        return rule(method, pattern, metric, 1, false);
    }

    /** Replaces the chain with exactly these entries. */
    public ProductJson chain(JsonNode... entries) {
        chain.removeAll();
        for (JsonNode e : entries) {
            chain.add(e);
        }
        return this;
    }

    /** Adds a policy before apicast (at the start). */
    public ProductJson policyFirst(String name, String configurationJson) {
        chain.insert(0, policy(name, configurationJson));
        return this;
    }

    /** Adds a policy at the end. */
    public ProductJson policyLast(String name, String configurationJson) {
        chain.add(policy(name, configurationJson));
        return this;
    }

    /** A chain entry. */
    public static ObjectNode policy(String name, String configurationJson) {
        ObjectNode entry = JSON.createObjectNode().put("name", name).put("version", "builtin");
        try {
            entry.set("configuration", JSON.readTree(configurationJson));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(configurationJson, e);
        }
        return entry;
    }

    public ObjectNode json() {
        return root.deepCopy();
    }

    /** {@code {"services":[…]}} of the given products, as a local configuration file holds them. */
    public static String file(ProductJson... products) {
        ObjectNode file = JSON.createObjectNode();
        ArrayNode services = file.putArray("services");
        for (ProductJson p : products) {
            services.add(p.json());
        }
        return file.toString();
    }
}
