package io.tollgate.server.domain;

import io.tollgate.common.Errors;
import io.tollgate.model.ProxySettings;
import io.tollgate.model.ProxySettings.Credentials;
import io.tollgate.model.ProxySettings.GatewayResponse;
import io.tollgate.model.ProxySettings.GatewayResponses;
import io.tollgate.model.ProxySettings.OidcIssuer;
import io.tollgate.server.http.Fields;
import java.util.Set;

/**
 * Applies the flat 3scale proxy fields of a request to a product's {@link ProxySettings}. Absent
 * fields keep their value; every present field is validated, and all problems are reported at
 * once under the wire field name.
 */
final class ProxySettingsChange {
    static final Set<String> CREDENTIALS_LOCATIONS = Set.of("query", "headers", "authorization");
    static final Set<String> OIDC_ISSUER_TYPES = Set.of("keycloak", "rest");
    static final Set<String> CLIENT_ID_CLAIM_TYPES = Set.of("plain", "liquid");
    private static final int MIN_STATUS = 100;
    private static final int MAX_STATUS = 599;
    private static final int MAX_NAME = 255;

    private final Fields fields;
    private final Errors errors;

    private ProxySettingsChange(Fields fields, Errors errors) {
        this.fields = fields;
        this.errors = errors;
    }

    /** The settings after the change; fails with 422 when any field is invalid. */
    static ProxySettings apply(ProxySettings current, Fields fields) {
        Errors errors = new Errors();
        ProxySettings next = new ProxySettingsChange(fields, errors).build(current);
        errors.throwIfAny();
        return next;
    }

    private ProxySettings build(ProxySettings c) {
        String endpoint = requiredUrl("endpoint", c.endpoint());
        String sandboxEndpoint = requiredUrl("sandbox_endpoint", c.sandboxEndpoint());
        String apiBackend = optional("api_backend", c.apiBackend());
        Validation.httpUrl("api_backend", apiBackend, true, errors);
        String secretToken = optional("secret_token", c.secretToken());
        Validation.maxLength("secret_token", secretToken, MAX_NAME, errors);
        String hostnameRewrite = optional("hostname_rewrite", c.hostnameRewrite());
        Validation.maxLength("hostname_rewrite", hostnameRewrite, MAX_NAME, errors);
        String apiTestPath = optional("api_test_path", c.apiTestPath());
        if (apiTestPath != null && !apiTestPath.startsWith("/")) {
            errors.add("api_test_path", "must start with /");
        }
        return new ProxySettings(endpoint, sandboxEndpoint, apiBackend, credentials(c.credentials()),
                responses(c.responses()), secretToken, hostnameRewrite, apiTestPath, oidc(c.oidc()));
    }

    private Credentials credentials(Credentials c) {
        String location = fields.nonBlank("credentials_location").orElse(c.location());
        Validation.inList("credentials_location", location, CREDENTIALS_LOCATIONS, errors);
        return new Credentials(location, name("auth_user_key", c.authUserKey()), name("auth_app_id", c.authAppId()),
                name("auth_app_key", c.authAppKey()));
    }

    private GatewayResponses responses(GatewayResponses r) {
        return new GatewayResponses(response("auth_failed", r.authFailed()),
                response("auth_missing", r.authMissing()), response("no_match", r.noMatch()),
                response("limits_exceeded", r.limitsExceeded()));
    }

    /** One outcome's {@code error_<kind>} body, {@code error_status_<kind>} and {@code error_headers_<kind>}. */
    private GatewayResponse response(String kind, GatewayResponse current) {
        String bodyField = "error_" + kind;
        String body = fields.has(bodyField) ? fields.string(bodyField).orElse("") : current.body();
        String statusField = "error_status_" + kind;
        int status = current.status();
        Long given = fields.integer(statusField, errors).orElse(null);
        if (given != null && (given < MIN_STATUS || given > MAX_STATUS)) {
            errors.add(statusField, "must be an integer between " + MIN_STATUS + " and " + MAX_STATUS);
        } else if (given != null) {
            status = given.intValue();
        }
        return new GatewayResponse(status, name("error_headers_" + kind, current.contentType()), body);
    }

    private OidcIssuer oidc(OidcIssuer o) {
        String issuer = optional("oidc_issuer_endpoint", o.issuerEndpoint());
        Validation.httpUrl("oidc_issuer_endpoint", issuer, true, errors);
        String issuerType = fields.nonBlank("oidc_issuer_type").orElse(o.issuerType());
        Validation.inList("oidc_issuer_type", issuerType, OIDC_ISSUER_TYPES, errors);
        String claim = optional("jwt_claim_with_client_id", o.jwtClaimWithClientId());
        Validation.maxLength("jwt_claim_with_client_id", claim, MAX_NAME, errors);
        String claimType = fields.nonBlank("jwt_claim_with_client_id_type").orElse(o.jwtClaimWithClientIdType());
        Validation.inList("jwt_claim_with_client_id_type", claimType, CLIENT_ID_CLAIM_TYPES, errors);
        return new OidcIssuer(issuer, issuerType, claim, claimType);
    }

    /** A public base URL: scheme and host only, and it cannot be removed. */
    private String requiredUrl(String field, String current) {
        if (!fields.has(field)) {
            return current;
        }
        String value = fields.string(field).map(String::trim).orElse(null);
        Validation.required(field, value, errors);
        Validation.httpUrl(field, value, false, errors);
        return value;
    }

    /** A parameter or header name: present means non-blank. */
    private String name(String field, String current) {
        if (!fields.has(field)) {
            return current;
        }
        String value = fields.string(field).map(String::trim).orElse(null);
        Validation.required(field, value, errors);
        Validation.maxLength(field, value, MAX_NAME, errors);
        return value;
    }

    /** An optional value; an empty string or JSON null clears it. */
    private String optional(String field, String current) {
        if (!fields.has(field)) {
            return current;
        }
        return fields.string(field).map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
    }
}
