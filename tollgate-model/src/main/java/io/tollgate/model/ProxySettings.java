package io.tollgate.model;

/**
 * Everything a gateway needs to know about a product besides its rules and policies.
 *
 * @param endpoint        production public base URL
 * @param sandboxEndpoint staging public base URL
 * @param apiBackend      legacy private base URL (products now reach upstreams through backends)
 * @param secretToken     sent upstream as X-3scale-proxy-secret-token
 * @param hostnameRewrite Host header sent upstream; empty keeps the upstream's host
 */
public record ProxySettings(
        String endpoint,
        String sandboxEndpoint,
        String apiBackend,
        Credentials credentials,
        GatewayResponses responses,
        String secretToken,
        String hostnameRewrite,
        String apiTestPath,
        OidcIssuer oidc) {

    /** Where and under which names the gateway looks for credentials. */
    public record Credentials(String location, String authUserKey, String authAppId, String authAppKey) {
        public static final Credentials DEFAULT = new Credentials("query", "user_key", "app_id", "app_key");
    }

    /** What the gateway answers on its own, per outcome. */
    public record GatewayResponses(
            GatewayResponse authFailed,
            GatewayResponse authMissing,
            GatewayResponse noMatch,
            GatewayResponse limitsExceeded) {

        public static final String CONTENT_TYPE = "text/plain; charset=us-ascii";

        public static final GatewayResponses DEFAULT = new GatewayResponses(
                new GatewayResponse(403, CONTENT_TYPE, "Authentication failed"),
                new GatewayResponse(403, CONTENT_TYPE, "Authentication parameters missing"),
                new GatewayResponse(404, CONTENT_TYPE, "No Mapping Rule matched"),
                new GatewayResponse(429, CONTENT_TYPE, "Usage limit exceeded"));
    }

    public record GatewayResponse(int status, String contentType, String body) {
    }

    /** OpenID Connect issuer settings (backend_version "oidc"). */
    public record OidcIssuer(String issuerEndpoint, String issuerType, String jwtClaimWithClientId,
            String jwtClaimWithClientIdType) {
        public static final OidcIssuer DEFAULT = new OidcIssuer(null, "keycloak", null, "plain");
    }
}
