package io.tollgate.server.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.ProxySettings;
import io.tollgate.model.ProxySettings.GatewayResponse;

/**
 * Writes a product's gateway settings in their 3scale wire names (credentials, the four gateway
 * responses, secret token, host rewrite, OIDC issuer). Shared by the admin API's {@code proxy}
 * and the proxy configuration content, so both always name the same field the same way.
 */
public final class ProxySettingsJson {
    private ProxySettingsJson() {
    }

    public static void write(ObjectNode node, ProxySettings s) {
        node.put("credentials_location", s.credentials().location())
                .put("auth_app_key", s.credentials().authAppKey())
                .put("auth_app_id", s.credentials().authAppId())
                .put("auth_user_key", s.credentials().authUserKey());
        response(node, "auth_failed", s.responses().authFailed());
        response(node, "auth_missing", s.responses().authMissing());
        response(node, "no_match", s.responses().noMatch());
        response(node, "limits_exceeded", s.responses().limitsExceeded());
        node.put("secret_token", s.secretToken())
                .put("hostname_rewrite", s.hostnameRewrite())
                .put("oidc_issuer_endpoint", s.oidc().issuerEndpoint())
                .put("oidc_issuer_type", s.oidc().issuerType())
                .put("jwt_claim_with_client_id", s.oidc().jwtClaimWithClientId())
                .put("jwt_claim_with_client_id_type", s.oidc().jwtClaimWithClientIdType());
    }

    private static void response(ObjectNode node, String kind, GatewayResponse r) {
        node.put("error_" + kind, r.body())
                .put("error_status_" + kind, r.status())
                .put("error_headers_" + kind, r.contentType());
    }
}
