package io.tollgate.client.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import java.util.Iterator;
import java.util.Map;

/**
 * The proxy side of a Product CR: the policy chain (replaced when it differs), the proxy fields of the
 * deployment and the OIDC flows (updated when they differ). Unchanged settings are not sent, so an
 * import that changes nothing leaves the proxy's version alone.
 */
final class ProxySync {
    private ProxySync() {
    }

    /** Whether anything was changed. */
    static boolean apply(AdminClient client, long serviceId, JsonNode spec) {
        boolean changed = false;
        JsonNode policies = spec.path("policies");
        if (policies.isArray()) {
            ArrayNode wanted = normalize((ArrayNode) policies);
            if (!normalize(client.proxies().policies(serviceId)).equals(wanted)) {
                client.proxies().replacePolicies(serviceId, wanted);
                changed = true;
            }
        }
        JsonNode deployment = spec.path("deployment");
        if (deployment.isObject()) {
            JsonNode proxy = client.proxies().get(serviceId);
            ObjectNode patch = Documents.JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = Deployments.proxyFields(deployment).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!Crs.text(proxy.get(field.getKey())).equals(field.getValue().asText())) {
                    patch.set(field.getKey(), field.getValue());
                }
            }
            if (!patch.isEmpty()) {
                client.proxies().update(serviceId, patch);
                changed = true;
            }
            ObjectNode flows = Deployments.oidcFlows(deployment);
            if (!flows.isEmpty()) {
                JsonNode current = client.proxies().oidc(serviceId);
                boolean same = flows.properties().stream()
                        .allMatch(f -> current.path(f.getKey()).asBoolean() == f.getValue().asBoolean());
                if (!same) {
                    client.proxies().updateOidc(serviceId, flows);
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** Entries with their defaults made explicit (configuration {}, enabled true), for comparing. */
    private static ArrayNode normalize(ArrayNode chain) {
        ArrayNode out = Documents.JSON.createArrayNode();
        for (JsonNode entry : chain) {
            ObjectNode e = out.addObject().put("name", entry.path("name").asText())
                    .put("version", entry.path("version").asText());
            e.set("configuration", entry.path("configuration").isObject() ? entry.get("configuration")
                    : Documents.JSON.createObjectNode());
            e.put("enabled", entry.path("enabled").asBoolean(true));
        }
        return out;
    }
}
