package io.tollgate.gateway.oidc;

import io.tollgate.gateway.config.ConfigException;
import io.tollgate.gateway.config.ProductConfig.ClaimType;
import io.tollgate.gateway.template.Template;
import java.util.List;
import java.util.Map;

/**
 * Where the client id (the application's {@code app_id}) is in a verified token
 * (threescale-wire.md §3): {@code jwt_claim_with_client_id} as a top-level claim name ({@code plain})
 * or a Liquid template over the claims ({@code liquid}, e.g. {@code {{ client.id }}}); without one,
 * {@code azp}, else {@code aud} (a string, or the first of an array). Compiled once per configuration.
 */
public final class ClientIdClaim {
    private static final ClientIdClaim DEFAULT = new ClientIdClaim(null, null);

    private final String claim;
    private final Template template;

    private ClientIdClaim(String claim, Template template) {
        this.claim = claim;
        this.template = template;
    }

    /**
     * @param claim the claim name or template, or null for azp/aud
     * @throws ConfigException for a template that does not compile
     */
    public static ClientIdClaim of(String claim, ClaimType type) {
        if (claim == null || claim.isBlank()) {
            return DEFAULT;
        }
        if (type == ClaimType.LIQUID) {
            return new ClientIdClaim(null, Template.compile(claim.trim()));
        }
        return new ClientIdClaim(claim.trim(), null);
    }

    /** The client id in {@code claims} (a token's payload), or null when it has none. */
    public String resolve(Map<String, Object> claims) {
        String id;
        if (template != null) {
            id = template.render(name -> scalar(path(claims, name)));
        } else if (claim != null) {
            id = scalar(claims.get(claim));
        } else {
            id = scalar(claims.get("azp"));
            if (id == null || id.isEmpty()) {
                Object aud = claims.get("aud");
                id = scalar(aud instanceof List<?> list && !list.isEmpty() ? list.get(0) : aud);
            }
        }
        return id == null || id.isBlank() ? null : id;
    }

    /** {@code a.b.0} → claims[a][b][0]; null when any step is missing. */
    private static Object path(Map<String, Object> claims, String name) {
        Object at = claims;
        for (String step : name.split("\\.", -1)) {
            if (at instanceof Map<?, ?> map) {
                at = map.get(step);
            } else if (at instanceof List<?> list && isIndex(step) && Integer.parseInt(step) < list.size()) {
                at = list.get(Integer.parseInt(step));
            } else {
                return null;
            }
        }
        return at;
    }

    private static boolean isIndex(String step) {
        return !step.isEmpty() && step.length() < 6 && step.chars().allMatch(Character::isDigit);
    }

    /** Strings, integers and booleans are ids; objects, arrays and fractions are not. */
    private static String scalar(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Boolean) {
            return value.toString();
        }
        return null;
    }

    @Override
    public String toString() {
        return template != null ? "liquid " + template : claim != null ? "claim " + claim : "azp, else aud";
    }
}
