package io.tollgate.gateway.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One product's gateway configuration, as parsed from a proxy configuration's {@code content}
 * (docs/proxy-config-content.md) or a local configuration file: plain data, validated by
 * {@link ProductConfigParser}; compiling it (rules, policies) is the image builder's job.
 *
 * @param info who the product is
 * @param backendVersion how applications authenticate
 * @param serviceToken the token the gateway sends to the meter and compares {@code X-3scale-debug} against
 *     (the content's {@code backend_authentication_value}); may be null in a hand-written file
 * @param hosts the lower-cased host names (no port) the product answers for
 * @param credentials where the credentials are and what they are called
 * @param responses the gateway's own responses
 * @param upstream where requests go and how
 * @param policyChain the policies to run, in order (never empty: [apicast] by default)
 * @param rules the mapping rules in evaluation order
 * @param listener the port of the product's own, or null: the product is then reached by its hosts on the
 *     environment's traffic port
 */
public record ProductConfig(Info info, BackendVersion backendVersion, String serviceToken, List<String> hosts,
        CredentialsSettings credentials, GatewayResponses responses, UpstreamSettings upstream,
        List<PolicyConfig> policyChain, List<ProxyRule> rules, Listener listener) {

    /** Copies the lists. */
    public ProductConfig {
        requireNonNull(info, "info");
        requireNonNull(backendVersion, "backendVersion");
        hosts = List.copyOf(hosts);
        requireNonNull(credentials, "credentials");
        requireNonNull(responses, "responses");
        requireNonNull(upstream, "upstream");
        policyChain = List.copyOf(policyChain);
        rules = List.copyOf(rules);
    }

    /** The product id (3scale's service id). */
    public long id() {
        return info.id();
    }

    /** {@code product 7 "Pets"}, for messages. */
    public String label() {
        return info.label();
    }

    /**
     * The product's identity.
     *
     * @param id the product id
     * @param accountId the tenant, 0 when unknown (a local file)
     * @param name the display name
     * @param systemName the system name
     */
    public record Info(long id, long accountId, String name, String systemName) {
        public Info {
            requireNonNull(name, "name");
            requireNonNull(systemName, "systemName");
        }

        public String label() {
            return "product " + id + " \"" + name + "\"";
        }
    }

    /** {@code backend_version}: how applications authenticate. */
    public enum BackendVersion {
        /** {@code 1}: a user_key. */
        USER_KEY("1"),
        /** {@code 2}: app_id and app_key. */
        APP_ID("2"),
        /** {@code oauth}: app_id (the client id) from OAuth 2. */
        OAUTH("oauth"),
        /** {@code oidc}: a JWT from an OpenID Connect issuer. */
        OIDC("oidc");

        private final String code;

        BackendVersion(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** {@code credentials_location}. */
    public enum CredentialsLocation {
        /** The query string, or a form-encoded body. */
        QUERY,
        /** Request headers named after the parameters. */
        HEADERS,
        /** The Authorization header (Basic, or Bearer for a user key). */
        AUTHORIZATION
    }

    /**
     * Where the credentials are.
     *
     * @param location where to look
     * @param userKeyName the user key's parameter/header name ({@code auth_user_key})
     * @param appIdName the app id's name ({@code auth_app_id})
     * @param appKeyName the app key's name ({@code auth_app_key})
     * @param oidcIssuer the OpenID Connect issuer endpoint, or null
     * @param clientIdClaim the JWT claim with the client id, or null for {@code azp}/{@code aud}
     * @param clientIdClaimType whether {@code clientIdClaim} is a claim name or a Liquid template
     *     ({@code jwt_claim_with_client_id_type})
     */
    public record CredentialsSettings(CredentialsLocation location, String userKeyName, String appIdName,
            String appKeyName, String oidcIssuer, String clientIdClaim, ClaimType clientIdClaimType) {
        public CredentialsSettings {
            requireNonNull(location, "location");
            requireNonNull(userKeyName, "userKeyName");
            requireNonNull(appIdName, "appIdName");
            requireNonNull(appKeyName, "appKeyName");
            requireNonNull(clientIdClaimType, "clientIdClaimType");
        }
    }

    /** {@code jwt_claim_with_client_id_type}: how {@code jwt_claim_with_client_id} is read. */
    public enum ClaimType {
        /** {@code plain}: the name of a top-level claim. */
        PLAIN,
        /** {@code liquid}: a template rendered over the claims ({@code {{ realm }}-{{ azp }}}). */
        LIQUID
    }

    /**
     * A response the gateway writes itself.
     *
     * @param status the HTTP status
     * @param contentType the Content-Type
     * @param body the body text
     */
    public record GatewayResponse(int status, String contentType, String body) {
        public GatewayResponse {
            requireNonNull(contentType, "contentType");
            requireNonNull(body, "body");
        }
    }

    /** The four kinds of gateway responses a product configures. */
    public record GatewayResponses(GatewayResponse authFailed, GatewayResponse authMissing, GatewayResponse noMatch,
            GatewayResponse limitsExceeded) {
        public GatewayResponses {
            requireNonNull(authFailed, "authFailed");
            requireNonNull(authMissing, "authMissing");
            requireNonNull(noMatch, "noMatch");
            requireNonNull(limitsExceeded, "limitsExceeded");
        }
    }

    /**
     * How requests reach the upstream.
     *
     * @param apiBackend the legacy private base URL, or null (products reach backends through the routing policy)
     * @param secretToken sent as {@code X-3scale-proxy-secret-token}, or null
     * @param hostnameRewrite the Host sent upstream instead of the client's, or null
     */
    public record UpstreamSettings(String apiBackend, String secretToken, String hostnameRewrite) {
    }

    /**
     * A listener of the product's own ({@code proxy.listener}): every request arriving on its port is this
     * product's, whatever its Host.
     *
     * @param address the address to bind ({@code 0.0.0.0} for every interface)
     * @param port the port, 1..65535
     * @param certificate the PEM certificate chain for HTTPS, or null for plain HTTP
     * @param key the PEM private key for HTTPS, or null for plain HTTP
     * @param certificatePem the certificate chain as PEM text (an API instance's from the control plane),
     *     instead of {@code certificate}, or null
     * @param keyPem its private key as PEM text, or null
     */
    public record Listener(String address, int port, java.nio.file.Path certificate, java.nio.file.Path key,
            String certificatePem, String keyPem) {
        public Listener {
            requireNonNull(address, "address");
            if ((certificate == null) != (key == null) || (certificatePem == null) != (keyPem == null)) {
                throw new IllegalArgumentException("certificate and key go together");
            }
            if (certificate != null && certificatePem != null) {
                throw new IllegalArgumentException("a certificate file or PEM text, not both");
            }
        }

        /** A listener with its certificate and key in files (or none). */
        public Listener(String address, int port, java.nio.file.Path certificate, java.nio.file.Path key) {
            this(address, port, certificate, key, null, null);
        }

        /** Whether the listener speaks HTTPS. */
        public boolean tls() {
            return certificate != null || certificatePem != null;
        }

        @Override
        public String toString() {
            return "Listener[" + url() + (certificate != null ? ", certificate " + certificate : "")
                    + (certificatePem != null ? ", certificate inline" : "") + "]";
        }

        /** {@code http://0.0.0.0:8081}, for messages. */
        public String url() {
            return (tls() ? "https://" : "http://") + (address.contains(":") ? "[" + address + "]" : address) + ":"
                    + port;
        }
    }

    /**
     * One entry of the policy chain.
     *
     * @param name the policy name
     * @param version {@code builtin} or a custom policy's version
     * @param configuration its configuration object
     * @param rules when the policy applies (any rule matching is enough); empty: always
     */
    public record PolicyConfig(String name, String version,
            com.fasterxml.jackson.databind.node.ObjectNode configuration, List<PolicyRule> rules) {
        public PolicyConfig {
            requireNonNull(name, "name");
            requireNonNull(version, "version");
            requireNonNull(configuration, "configuration");
            rules = List.copyOf(rules);
        }

        /** An entry that always applies. */
        public PolicyConfig(String name, String version, com.fasterxml.jackson.databind.node.ObjectNode configuration) {
            this(name, version, configuration, List.of());
        }
    }

    /**
     * A condition on a policy chain entry ({@code rules[]} of an entry): every field given must hold.
     *
     * @param methods the request methods (upper case) the rule matches; empty: any
     * @param path a regular expression the whole normalized path must match, or null for any path
     */
    public record PolicyRule(List<String> methods, java.util.regex.Pattern path) {
        public PolicyRule {
            methods = List.copyOf(methods);
        }

        /** Whether a request with this method and path matches. */
        public boolean matches(String method, String requestPath) {
            return (methods.isEmpty() || methods.contains(method)) && (path == null || path.matcher(requestPath).matches());
        }
    }

    /**
     * One mapping rule.
     *
     * @param id the rule id (0 when the file has none)
     * @param httpMethod the method, upper case, or {@code ANY}
     * @param pattern the pattern as written ({@code /pets/{id}$?type={t}})
     * @param metric the system name of the metric or method counted
     * @param delta how much it counts
     * @param last whether a match stops the evaluation
     */
    public record ProxyRule(long id, String httpMethod, String pattern, String metric, long delta, boolean last) {
        public ProxyRule {
            requireNonNull(httpMethod, "httpMethod");
            requireNonNull(pattern, "pattern");
            requireNonNull(metric, "metric");
        }
    }
}
