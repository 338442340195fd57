package io.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * API instances ({@code /admin/api/gateway_apis}): products placed on a registered gateway and a
 * listener port, with their policies. An API is named by its id or its name; the server tells which.
 */
public final class GatewayApis {
    static final String BASE = "/admin/api/gateway_apis";

    private final AdminClient client;

    GatewayApis(AdminClient client) {
        this.client = client;
    }

    /** Creates and deploys an API; {@code fields} as the admin API takes them (gateway, name, upstream …). */
    public JsonNode create(ObjectNode fields) {
        return client.post(BASE, fields).path("gateway_api");
    }

    /** The tenant's APIs, only those on {@code gateway} (id or name) unless null. */
    public List<JsonNode> list(String gateway) {
        return client.list(BASE, gateway == null ? Map.of() : Map.of("gateway", gateway), "gateway_apis",
                "gateway_api");
    }

    /** The API named {@code ref}; {@link NotFoundException} when there is none. */
    public JsonNode require(String ref) {
        return client.find(path(ref), Map.of()).map(a -> a.path("gateway_api"))
                .orElseThrow(() -> new NotFoundException("API '" + ref + "' not found on " + client.remote()));
    }

    public JsonNode update(String ref, ObjectNode fields) {
        return client.put(path(require(ref)), fields).path("gateway_api");
    }

    public void delete(JsonNode api) {
        client.delete(path(api));
    }

    /** Adds {@code policy} with {@code configuration} and deploys; answers the API. */
    public JsonNode addPolicy(String ref, String policy, JsonNode configuration) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("policy", policy);
        body.set("configuration", configuration);
        return client.post(path(require(ref)) + "/policies", body).path("gateway_api");
    }

    /** Replaces the configuration of {@code policy} and deploys; answers the API. */
    public JsonNode updatePolicy(String ref, String policy, JsonNode configuration) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("configuration", configuration);
        return client.put(policyPath(ref, policy), body).path("gateway_api");
    }

    /** Removes {@code policy} and deploys; answers the API. */
    public JsonNode removePolicy(String ref, String policy) {
        return client.deleteAnswering(policyPath(ref, policy)).path("gateway_api");
    }

    private String policyPath(String ref, String policy) {
        return path(require(ref)) + "/policies/" + URLEncoder.encode(policy, StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    private static String path(JsonNode api) {
        return BASE + "/" + api.path("id").asLong();
    }

    private static String path(String ref) {
        return BASE + "/" + URLEncoder.encode(ref, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
