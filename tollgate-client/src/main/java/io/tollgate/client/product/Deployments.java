package io.tollgate.client.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.client.Documents;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A product's {@code spec.deployment} and the proxy fields it stands for. The authentication block
 * follows the product's backend_version: {@code userkey} (1), {@code appKeyAppID} (2), {@code oidc}.
 */
final class Deployments {
    /** gatewayResponse key → proxy field, in the CRD's order. */
    static final Map<String, String> RESPONSES = new LinkedHashMap<>();

    static {
        for (String[] outcome : new String[][] {{"AuthFailed", "auth_failed"}, {"AuthMissing", "auth_missing"},
                {"NoMatch", "no_match"}, {"LimitsExceeded", "limits_exceeded"}}) {
            RESPONSES.put("errorStatus" + outcome[0], "error_status_" + outcome[1]);
            RESPONSES.put("errorHeaders" + outcome[0], "error_headers_" + outcome[1]);
            RESPONSES.put("error" + outcome[0], "error_" + outcome[1]);
        }
    }

    private Deployments() {
    }

    static ObjectNode export(JsonNode service, JsonNode proxy, JsonNode oidc) {
        ObjectNode deployment = Documents.JSON.createObjectNode();
        String option = service.path("deployment_option").asText("hosted");
        ObjectNode apicast = deployment.putObject(option.equals("hosted") ? "apicastHosted" : "apicastSelfManaged");
        ObjectNode authentication = apicast.putObject("authentication");
        String version = service.path("backend_version").asText("1");
        ObjectNode auth;
        if (version.equals("oidc")) {
            auth = authentication.putObject("oidc");
            auth.put("issuerType", Crs.text(proxy.get("oidc_issuer_type")))
                    .put("issuerEndpoint", Crs.text(proxy.get("oidc_issuer_endpoint")))
                    .put("jwtClaimWithClientID", Crs.text(proxy.get("jwt_claim_with_client_id")))
                    .put("jwtClaimWithClientIDType", Crs.text(proxy.get("jwt_claim_with_client_id_type")));
            auth.putObject("authenticationFlow")
                    .put("standardFlowEnabled", oidc.path("standard_flow_enabled").asBoolean())
                    .put("implicitFlowEnabled", oidc.path("implicit_flow_enabled").asBoolean())
                    .put("serviceAccountsEnabled", oidc.path("service_accounts_enabled").asBoolean())
                    .put("directAccessGrantsEnabled", oidc.path("direct_access_grants_enabled").asBoolean());
        } else if (version.equals("2")) {
            auth = authentication.putObject("appKeyAppID");
            auth.put("appID", Crs.text(proxy.get("auth_app_id"))).put("appKey", Crs.text(proxy.get("auth_app_key")));
        } else {
            auth = authentication.putObject("userkey");
            auth.put("authUserKey", Crs.text(proxy.get("auth_user_key")));
        }
        auth.put("credentials", Crs.text(proxy.get("credentials_location")));
        auth.putObject("security").put("hostHeader", Crs.text(proxy.get("hostname_rewrite")))
                .put("secretToken", Crs.text(proxy.get("secret_token")));
        ObjectNode responses = auth.putObject("gatewayResponse");
        RESPONSES.forEach((key, field) -> {
            JsonNode value = proxy.get(field);
            if (key.startsWith("errorStatus")) {
                responses.put(key, value == null ? 0 : value.asInt());
            } else {
                responses.put(key, Crs.text(value));
            }
        });
        apicast.put("stagingPublicBaseURL", Crs.text(proxy.get("sandbox_endpoint")))
                .put("productionPublicBaseURL", Crs.text(proxy.get("endpoint")));
        return deployment;
    }

    /** What the deployment says about the product: its backend_version and deployment_option. */
    static ObjectNode serviceFields(JsonNode deployment) {
        ObjectNode fields = Documents.JSON.createObjectNode();
        JsonNode apicast = deployment.path("apicastHosted");
        fields.put("deployment_option", apicast.isMissingNode() ? "self_managed" : "hosted");
        if (apicast.isMissingNode()) {
            apicast = deployment.path("apicastSelfManaged");
        }
        JsonNode authentication = apicast.path("authentication");
        if (authentication.has("oidc")) {
            fields.put("backend_version", "oidc");
        } else if (authentication.has("appKeyAppID")) {
            fields.put("backend_version", "2");
        } else if (authentication.has("userkey")) {
            fields.put("backend_version", "1");
        }
        if (deployment.isMissingNode() || deployment.isEmpty()) {
            fields.remove("deployment_option");
        }
        return fields;
    }

    /** The proxy fields the deployment sets (only those it names). */
    static ObjectNode proxyFields(JsonNode deployment) {
        ObjectNode fields = Documents.JSON.createObjectNode();
        JsonNode apicast = deployment.has("apicastHosted") ? deployment.path("apicastHosted")
                : deployment.path("apicastSelfManaged");
        putText(fields, "sandbox_endpoint", apicast.get("stagingPublicBaseURL"));
        putText(fields, "endpoint", apicast.get("productionPublicBaseURL"));
        JsonNode auth = authBlock(apicast.path("authentication"));
        putText(fields, "auth_user_key", auth.get("authUserKey"));
        putText(fields, "auth_app_id", auth.get("appID"));
        putText(fields, "auth_app_key", auth.get("appKey"));
        putText(fields, "credentials_location", auth.get("credentials"));
        putText(fields, "oidc_issuer_type", auth.get("issuerType"));
        putText(fields, "oidc_issuer_endpoint", auth.get("issuerEndpoint"));
        putText(fields, "jwt_claim_with_client_id", auth.get("jwtClaimWithClientID"));
        putText(fields, "jwt_claim_with_client_id_type", auth.get("jwtClaimWithClientIDType"));
        JsonNode security = auth.path("security");
        if (security.has("hostHeader")) {
            fields.put("hostname_rewrite", Crs.text(security.get("hostHeader")));
        }
        if (security.has("secretToken")) {
            fields.put("secret_token", Crs.text(security.get("secretToken")));
        }
        JsonNode responses = auth.path("gatewayResponse");
        RESPONSES.forEach((key, field) -> {
            if (responses.has(key)) {
                fields.set(field, responses.get(key));
            }
        });
        return fields;
    }

    /** The OIDC flows, when the deployment is OIDC and names them. */
    static ObjectNode oidcFlows(JsonNode deployment) {
        JsonNode apicast = deployment.has("apicastHosted") ? deployment.path("apicastHosted")
                : deployment.path("apicastSelfManaged");
        JsonNode flow = apicast.path("authentication").path("oidc").path("authenticationFlow");
        ObjectNode flows = Documents.JSON.createObjectNode();
        for (String[] f : new String[][] {{"standardFlowEnabled", "standard_flow_enabled"},
                {"implicitFlowEnabled", "implicit_flow_enabled"}, {"serviceAccountsEnabled", "service_accounts_enabled"},
                {"directAccessGrantsEnabled", "direct_access_grants_enabled"}}) {
            if (flow.has(f[0])) {
                flows.put(f[1], flow.get(f[0]).asBoolean());
            }
        }
        return flows;
    }

    private static JsonNode authBlock(JsonNode authentication) {
        for (Iterator<JsonNode> it = authentication.elements(); it.hasNext(); ) {
            return it.next();
        }
        return Documents.JSON.createObjectNode();
    }

    /** Empty text in a CR means "not set": an OIDC issuer endpoint "" is no endpoint, so it is left out. */
    private static void putText(ObjectNode fields, String field, JsonNode value) {
        if (value != null && !value.isNull() && !value.asText().isEmpty()) {
            fields.put(field, value.asText());
        }
    }
}
