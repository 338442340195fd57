package io.tollgate.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names of the policies that ship with the gateway, all with version {@value #VERSION}. A chain
 * entry with that version must name one of them; any other version refers to a custom policy.
 * The list follows APIcast's {@code gateway/src/apicast/policy/} so that chains exported from
 * 3scale load unchanged.
 */
public final class BuiltinPolicies {
    public static final String VERSION = "builtin";

    public static final Set<String> NAMES = Set.of(
            // 3scale core
            "apicast", "3scale_batcher", "3scale_referrer", "caching", "default_credentials",
            // authentication and authorization
            "token_introspection", "jwt_parser", "jwt_claim_check", "keycloak_role_check", "oauth_mtls", "fapi",
            "ip_check",
            // traffic
            "rate_limit", "rate_limit_headers", "maintenance_mode", "payload_limits", "on_failed",
            // routing and upstream connections
            "routing", "upstream", "url_rewriting", "rewrite_url_captures", "http_proxy", "camel",
            "upstream_connection", "upstream_mtls", "retry", "websocket", "grpc", "request_unbuffered",
            // headers and content
            "headers", "cors", "content_caching", "soap", "statuscode_overwrite", "echo",
            // operations
            "logging", "custom_metrics", "liquid_context_debug", "nginx_filters", "tls", "tls_validation",
            // Tollgate's own
            "basic_auth");

    /**
     * The builtin policies Tollgate's gateway runs, in the order {@code /admin/api/policies.json} lists
     * them. Each has its manifest (name, summary, version, JSON Schema of its configuration) at
     * {@code io/tollgate/model/policies/<name>.json} on the class path.
     */
    public static final List<String> GATEWAY = List.of("apicast", "default_credentials", "basic_auth", "headers",
            "cors", "ip_check", "url_rewriting", "upstream", "rate_limit", "rate_limit_headers", "maintenance_mode",
            "payload_limits", "caching");

    private BuiltinPolicies() {
    }

    public static boolean isBuiltin(String name) {
        return NAMES.contains(name);
    }

    /**
     * Policy name → manifest for the {@link #GATEWAY} policies, in that order (a manifest's own
     * {@code name} is its display name); each call returns fresh copies.
     */
    public static Map<String, ObjectNode> manifests() {
        Map<String, ObjectNode> manifests = new LinkedHashMap<>();
        for (String name : GATEWAY) {
            String resource = "policies/" + name + ".json";
            try (InputStream in = BuiltinPolicies.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("no manifest for builtin policy " + name + " (" + resource + ")");
                }
                manifests.put(name, (ObjectNode) Json.MAPPER.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return manifests;
    }
}
