package io.tollgate.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The credentials a request carries, in the forms 3scale accepts: {@code access_token} in the query
 * or body, HTTP Basic with the token as user or password (the first non-empty one), a Bearer
 * token, or the legacy {@code provider_key}.
 */
public record Credentials(String accessToken, String providerKey) {
    public static final Credentials NONE = new Credentials(null, null);

    public static Credentials from(ObjectNode params, String authorization) {
        String token = text(params, "access_token");
        if (token == null && authorization != null) {
            token = fromAuthorizationHeader(authorization);
        }
        return new Credentials(token, text(params, "provider_key"));
    }

    public boolean isEmpty() {
        return accessToken == null && providerKey == null;
    }

    private static String text(ObjectNode params, String name) {
        return params.hasNonNull(name) && params.get(name).isValueNode() && !params.get(name).asText().isEmpty()
                ? params.get(name).asText() : null;
    }

    static String fromAuthorizationHeader(String header) {
        String value = header.trim();
        int space = value.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
        String rest = value.substring(space + 1).trim();
        if (scheme.equals("bearer")) {
            return rest.isEmpty() ? null : rest;
        }
        if (!scheme.equals("basic")) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(rest), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        if (!user.isEmpty()) {
            return user;
        }
        return password.isEmpty() ? null : password;
    }

    @Override
    public String toString() {
        return "Credentials[accessToken=" + (accessToken == null ? "none" : "***")
                + ", providerKey=" + (providerKey == null ? "none" : "***") + "]";
    }
}
