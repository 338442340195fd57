package io.tollgate.gateway.credentials;

import io.tollgate.gateway.config.ConfigException;
import io.tollgate.gateway.config.ProductConfig.BackendVersion;
import io.tollgate.gateway.config.ProductConfig.CredentialsLocation;
import io.tollgate.gateway.config.ProductConfig.CredentialsSettings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Finds a request's application credentials where the product says they are
 * (threescale-wire.md §3 "Credentials"): for a user key (backend_version 1) in the query string or form
 * body, in a header named after the parameter, or in Authorization (Basic user, else password, else
 * Bearer); for app id + key (version 2) likewise, Basic carrying id:key. Header names match
 * case-insensitively with '-' and '_' the same. For OpenID Connect (oidc) there are no credentials to
 * extract, only an {@link #accessToken access token} for {@code io.tollgate.gateway.oidc} to verify.
 */
public final class CredentialsExtractor {
    private final BackendVersion version;
    private final CredentialsLocation location;
    private final String[] userKey;
    private final String[] appId;
    private final String[] appKey;
    private final String userKeyName;
    private final String appIdName;
    private final String appKeyName;
    private static final String ACCESS_TOKEN = "access_token";
    private static final String[] ACCESS_TOKEN_HEADERS = headerNames(ACCESS_TOKEN);

    private CredentialsExtractor(BackendVersion version, CredentialsSettings settings) {
        this.version = version;
        this.location = settings.location();
        this.userKeyName = settings.userKeyName();
        this.appIdName = settings.appIdName();
        this.appKeyName = settings.appKeyName();
        this.userKey = headerNames(userKeyName);
        this.appId = headerNames(appIdName);
        this.appKey = headerNames(appKeyName);
    }

    /**
     * @throws ConfigException for a combination the gateway cannot serve
     */
    public static CredentialsExtractor of(BackendVersion version, CredentialsSettings settings) {
        if (version == BackendVersion.OAUTH) {
            throw new ConfigException("backend_version: \"oauth\" (expected: 1, 2 or oidc; 3scale's deprecated"
                    + " OAuth mode is served as oidc)");
        }
        if (version == BackendVersion.OIDC) {
            io.tollgate.gateway.oidc.OidcSettings.of(settings); // rejects a missing or invalid issuer at load
        }
        return new CredentialsExtractor(version, settings);
    }

    /**
     * An oidc request's access token, or null: where {@code credentials_location} says (the
     * {@code access_token} query or form parameter, or header, or Bearer), else a Bearer token, which
     * is always accepted (RFC 6750 §2.1; APIcast's oauth credentials).
     */
    public String accessToken(RequestView request) {
        String token = switch (location) {
            case QUERY -> request.args().last(ACCESS_TOKEN);
            case HEADERS -> header(request, ACCESS_TOKEN_HEADERS);
            case AUTHORIZATION -> null;
        };
        return token == null || token.isBlank() ? bearer(request.header("Authorization")) : token.trim();
    }

    /** The request's credentials; {@link AppCredentials#NONE} (or partial ones) when they are missing. */
    public AppCredentials extract(RequestView request) {
        return switch (version) {
            case USER_KEY -> userKey(request);
            case APP_ID, OAUTH -> appId(request);
            case OIDC -> AppCredentials.NONE;
        };
    }

    private AppCredentials userKey(RequestView request) {
        return switch (location) {
            case QUERY -> AppCredentials.userKey(request.args().last(userKeyName));
            case HEADERS -> AppCredentials.userKey(header(request, userKey));
            case AUTHORIZATION -> {
                String auth = request.header("Authorization");
                String[] basic = basic(auth);
                if (basic != null) {
                    yield AppCredentials.userKey(!basic[0].isEmpty() ? basic[0] : basic[1]);
                }
                yield AppCredentials.userKey(bearer(auth));
            }
        };
    }

    private AppCredentials appId(RequestView request) {
        return switch (location) {
            case QUERY -> AppCredentials.appId(request.args().last(appIdName), request.args().last(appKeyName));
            case HEADERS -> AppCredentials.appId(header(request, appId), header(request, appKey));
            case AUTHORIZATION -> {
                String[] basic = basic(request.header("Authorization"));
                yield basic == null ? AppCredentials.NONE
                        : AppCredentials.appId(basic[0], basic[1].isEmpty() ? null : basic[1]);
            }
        };
    }

    /** The names to try: as configured, with '_' as '-', with '-' as '_'. */
    private static String[] headerNames(String name) {
        String dashed = name.replace('_', '-');
        String underscored = name.replace('-', '_');
        if (dashed.equals(name) && underscored.equals(name)) {
            return new String[] {name};
        }
        if (dashed.equals(name)) {
            return new String[] {name, underscored};
        }
        if (underscored.equals(name)) {
            return new String[] {name, dashed};
        }
        return new String[] {name, dashed, underscored};
    }

    private static String header(RequestView request, String[] names) {
        for (String n : names) {
            String v = request.header(n);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** {@code [user, password]} of a Basic header, or null when it is not one (or not decodable). */
    static String[] basic(String authorization) {
        if (authorization == null || authorization.length() < 6
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? new String[] {decoded, ""} : new String[] {decoded.substring(0, colon),
                decoded.substring(colon + 1)};
    }

    /** The token of a Bearer header, or null. */
    static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 7
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
