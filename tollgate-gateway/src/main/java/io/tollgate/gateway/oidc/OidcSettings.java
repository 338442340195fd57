package io.tollgate.gateway.oidc;

import static java.util.Objects.requireNonNull;

import io.tollgate.gateway.config.ConfigException;
import io.tollgate.gateway.config.ProductConfig.CredentialsSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An oidc product's issuer and client-id rule, validated when the configuration loads.
 *
 * <p>The control plane may write the issuer endpoint with client credentials in its userinfo part
 * ({@code https://client:secret@idp.example.com/realms/shop}, for registering clients with the
 * issuer). The gateway never needs them: they are dropped from every URL it fetches, from the issuer
 * it expects in tokens, and from every message, valid or not.
 *
 * @param issuer the issuer URL without userinfo and without a trailing slash: what {@code iss} must be
 * @param discoveryUrl {@code <issuer>/.well-known/openid-configuration}
 * @param clientId where the client id is in a verified token
 */
public record OidcSettings(String issuer, String discoveryUrl, ClientIdClaim clientId) {
    static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

    public OidcSettings {
        requireNonNull(issuer, "issuer");
        requireNonNull(discoveryUrl, "discoveryUrl");
        requireNonNull(clientId, "clientId");
    }

    /**
     * @throws ConfigException naming {@code oidc_issuer_endpoint} or {@code jwt_claim_with_client_id}
     */
    public static OidcSettings of(CredentialsSettings credentials) {
        String issuer = issuer(credentials.oidcIssuer());
        ClientIdClaim clientId;
        try {
            clientId = ClientIdClaim.of(credentials.clientIdClaim(), credentials.clientIdClaimType());
        } catch (ConfigException e) {
            throw e.at("jwt_claim_with_client_id");
        }
        return new OidcSettings(issuer, issuer + DISCOVERY_PATH, clientId);
    }

    /** The issuer URL without userinfo and trailing slash; never echoes the userinfo in a message. */
    static String issuer(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new ConfigException("oidc_issuer_endpoint: missing (expected: the OpenID Connect issuer URL,"
                    + " for backend_version oidc)");
        }
        URI uri;
        try {
            uri = new URI(endpoint.trim());
        } catch (URISyntaxException e) {
            throw invalid(endpoint, "a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw invalid(endpoint, "an http or https URL");
        }
        if (uri.getHost() == null) {
            throw invalid(endpoint, "a URL with a host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(endpoint, "an issuer URL without query or fragment");
        }
        String path = stripSlash(uri.getRawPath() == null ? "" : uri.getRawPath());
        return scheme + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + path;
    }

    /** Without trailing slashes: {@code https://idp/realms/x/} and {@code https://idp/realms/x} are one issuer. */
    static String stripSlash(String url) {
        String s = url;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static ConfigException invalid(String endpoint, String expected) {
        return new ConfigException("oidc_issuer_endpoint: \"" + redact(endpoint) + "\" (expected: " + expected + ")");
    }

    /** {@code endpoint} with anything between "://" and "@" replaced by "***" (it may be credentials). */
    static String redact(String endpoint) {
        String s = endpoint.trim();
        int scheme = s.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int end = s.indexOf('/', start);
        int at = s.lastIndexOf('@', end < 0 ? s.length() - 1 : end);
        String shown = at < start ? s : s.substring(0, start) + "***@" + s.substring(at + 1);
        return shown.length() > 120 ? shown.substring(0, 120) + "…" : shown;
    }
}
