package io.tollgate.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tollgate.gateway.config.ProductConfig.BackendVersion;
import io.tollgate.gateway.config.ProductConfig.CredentialsLocation;
import io.tollgate.gateway.config.ProductConfig.CredentialsSettings;
import io.tollgate.gateway.config.ProductConfig.GatewayResponse;
import io.tollgate.gateway.config.ProductConfig.GatewayResponses;
import io.tollgate.gateway.config.ProductConfig.PolicyConfig;
import io.tollgate.gateway.config.ProductConfig.ProxyRule;
import io.tollgate.gateway.config.ProductConfig.UpstreamSettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads one product's configuration: the {@code content} of a proxy configuration
 * (docs/proxy-config-content.md), which is also what a local file lists under {@code services}.
 * Fields a hand-written file leaves out get APIcast's defaults (the control plane always writes them).
 */
public final class ProductConfigParser {
    static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY");
    private static final String TEXT = "text/plain; charset=utf-8";

    private ProductConfigParser() {
    }

    /**
     * @param content the product's configuration object
     * @throws ConfigException naming the product and the field
     */
    public static ProductConfig parse(JsonNode content) {
        JsonFields product = JsonFields.of(content, "");
        long id = product.longValue("id").orElseThrow(() -> product.fail("id", "missing (expected: the product id)"));
        String name = product.string("name", product.string("system_name", "product-" + id));
        ProductConfig.Info info = new ProductConfig.Info(id, product.longValue("account_id").orElse(0L), name,
                product.string("system_name", name));
        try {
            return parse(product, info);
        } catch (ConfigException e) {
            throw e.at(info.label());
        }
    }

    private static ProductConfig parse(JsonFields product, ProductConfig.Info info) {
        BackendVersion version = backendVersion(product);
        JsonFields proxy = product.object("proxy");
        return new ProductConfig(info, version, product.string("backend_authentication_value").orElse(null),
                hosts(proxy), credentials(proxy), responses(proxy), upstream(proxy), policyChain(proxy), rules(proxy),
                ListenerParser.parse(proxy));
    }

    private static BackendVersion backendVersion(JsonFields product) {
        String code = product.string("backend_version", "1");
        for (BackendVersion v : BackendVersion.values()) {
            if (v.code().equals(code)) {
                return v;
            }
        }
        throw product.fail("backend_version", JsonFields.quote(code) + " (expected: one of 1, 2, oauth, oidc)");
    }

    private static List<String> hosts(JsonFields proxy) {
        Set<String> hosts = new LinkedHashSet<>();
        for (String host : proxy.strings("hosts")) {
            String h = Hosts.normalize(host);
            if (h.isEmpty()) {
                throw proxy.fail("hosts", JsonFields.quote(host) + " (expected: a host name)");
            }
            hosts.add(h);
        }
        return List.copyOf(hosts);
    }

    private static CredentialsSettings credentials(JsonFields proxy) {
        String location = proxy.oneOf("credentials_location", "query", List.of("query", "headers", "authorization"));
        return new CredentialsSettings(CredentialsLocation.valueOf(location.toUpperCase(Locale.ROOT)),
                name(proxy, "auth_user_key", "user_key"), name(proxy, "auth_app_id", "app_id"),
                name(proxy, "auth_app_key", "app_key"), proxy.string("oidc_issuer_endpoint").orElse(null),
                proxy.string("jwt_claim_with_client_id").filter(s -> !s.isBlank()).orElse(null),
                ProductConfig.ClaimType.valueOf(proxy.oneOf("jwt_claim_with_client_id_type", "plain",
                        List.of("plain", "liquid")).toUpperCase(Locale.ROOT)));
    }

    private static String name(JsonFields proxy, String field, String fallback) {
        String value = proxy.string(field, fallback).trim();
        return value.isEmpty() ? fallback : value;
    }

    private static GatewayResponses responses(JsonFields proxy) {
        return new GatewayResponses(
                response(proxy, "auth_failed", 403, "Authentication failed"),
                response(proxy, "auth_missing", 401, "Authentication parameters missing"),
                response(proxy, "no_match", 404, "No Mapping Rule matched"),
                response(proxy, "limits_exceeded", 429, "Limits exceeded"));
    }

    private static GatewayResponse response(JsonFields proxy, String kind, int status, String body) {
        return new GatewayResponse(proxy.intValue("error_status_" + kind, status, 100, 599),
                proxy.string("error_headers_" + kind, TEXT), proxy.string("error_" + kind, body));
    }

    private static UpstreamSettings upstream(JsonFields proxy) {
        String backend = proxy.string("api_backend").filter(s -> !s.isBlank()).orElse(null);
        if (backend != null) {
            try {
                io.tollgate.gateway.upstream.UpstreamTarget.parse(backend);
            } catch (IllegalArgumentException e) {
                throw proxy.fail("api_backend", e.getMessage());
            }
        }
        return new UpstreamSettings(backend, proxy.string("secret_token").filter(s -> !s.isEmpty()).orElse(null),
                proxy.string("hostname_rewrite").filter(s -> !s.isBlank()).orElse(null));
    }

    private static List<PolicyConfig> policyChain(JsonFields proxy) {
        if (!proxy.has("policy_chain")) {
            return List.of(new PolicyConfig("apicast", "builtin", JsonNodeFactory.instance.objectNode()));
        }
        List<PolicyConfig> chain = new ArrayList<>();
        for (JsonFields entry : proxy.objects("policy_chain")) {
            if (!entry.bool("enabled", true)) {
                continue;
            }
            chain.add(new PolicyConfig(entry.requiredString("name"), entry.string("version", "builtin"),
                    entry.object("configuration").node(), policyRules(entry)));
        }
        return chain;
    }

    private static List<ProductConfig.PolicyRule> policyRules(JsonFields entry) {
        List<ProductConfig.PolicyRule> rules = new ArrayList<>();
        for (JsonFields rule : entry.objects("rules")) {
            List<String> methods = new ArrayList<>();
            for (String m : rule.strings("methods")) {
                String method = m.trim().toUpperCase(Locale.ROOT);
                if (!METHODS.contains(method) || method.equals("ANY")) {
                    throw rule.fail("methods", JsonFields.quote(m) + " (expected: one of "
                            + String.join(", ", METHODS.subList(0, METHODS.size() - 1)) + ")");
                }
                methods.add(method);
            }
            java.util.regex.Pattern path = null;
            String regex = rule.string("path").orElse(null);
            if (regex != null) {
                try {
                    path = java.util.regex.Pattern.compile(regex);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw rule.fail("path", JsonFields.quote(regex) + " (expected: a regular expression; "
                            + e.getDescription() + ")");
                }
            }
            rules.add(new ProductConfig.PolicyRule(methods, path));
        }
        return rules;
    }

    private static List<ProxyRule> rules(JsonFields proxy) {
        List<ProxyRule> rules = new ArrayList<>();
        for (JsonFields rule : proxy.objects("proxy_rules")) {
            String method = rule.requiredString("http_method").toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) {
                throw rule.fail("http_method", JsonFields.quote(method) + " (expected: one of "
                        + String.join(", ", METHODS) + ")");
            }
            rules.add(new ProxyRule(rule.longValue("id").orElse(0L), method, rule.requiredString("pattern"),
                    rule.requiredString("metric_system_name"), rule.longValue("delta", 1, 1, Integer.MAX_VALUE),
                    rule.bool("last", false)));
        }
        return rules;
    }
}
