package io.tollgate.model;

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
            "logging", "custom_metrics", "liquid_context_debug", "nginx_filters", "tls", "tls_validation");

    private BuiltinPolicies() {
    }

    public static boolean isBuiltin(String name) {
        return NAMES.contains(name);
    }
}
