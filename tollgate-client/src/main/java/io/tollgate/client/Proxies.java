package io.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A product's proxy: gateway settings, OIDC flows, the policy chain, and its proxy configurations. */
public final class Proxies {
    private final AdminClient client;

    Proxies(AdminClient client) {
        this.client = client;
    }

    private static String proxy(long serviceId) {
        return Services.BASE + "/" + serviceId + "/proxy";
    }

    public JsonNode get(long serviceId) {
        return client.get(proxy(serviceId)).path("proxy");
    }

    /** Changes the fields given; on the server this deploys to sandbox when the gateway's view changed. */
    public JsonNode update(long serviceId, ObjectNode fields) {
        return client.patch(proxy(serviceId), Services.wrap("proxy", fields)).path("proxy");
    }

    public JsonNode oidc(long serviceId) {
        return client.get(proxy(serviceId) + "/oidc_configuration").path("oidc_configuration");
    }

    public JsonNode updateOidc(long serviceId, ObjectNode flows) {
        return client.patch(proxy(serviceId) + "/oidc_configuration", Services.wrap("oidc_configuration", flows))
                .path("oidc_configuration");
    }

    public ArrayNode policies(long serviceId) {
        return (ArrayNode) client.get(proxy(serviceId) + "/policies").path("policies_config");
    }

    /** Replaces the whole chain. */
    public ArrayNode replacePolicies(long serviceId, ArrayNode chain) {
        return (ArrayNode) client.put(proxy(serviceId) + "/policies", Services.wrap("policies_config", chain))
                .path("policies_config");
    }

    public JsonNode deploy(long serviceId) {
        return client.post(proxy(serviceId) + "/deploy", Json.MAPPER.createObjectNode()).path("proxy");
    }

    /** {@code environment} is {@code sandbox} or {@code production}; oldest first. */
    public List<JsonNode> configs(long serviceId, String environment) {
        return client.listAll(proxy(serviceId) + "/configs/" + environment, Map.of(), "proxy_configs", "proxy_config");
    }

    public Optional<JsonNode> latest(long serviceId, String environment) {
        return client.find(proxy(serviceId) + "/configs/" + environment + "/latest", Map.of())
                .map(n -> n.path("proxy_config"));
    }

    public Optional<JsonNode> config(long serviceId, String environment, long version) {
        return client.find(proxy(serviceId) + "/configs/" + environment + "/" + version, Map.of())
                .map(n -> n.path("proxy_config"));
    }

    public JsonNode promote(long serviceId, long sandboxVersion) {
        return client.post(proxy(serviceId) + "/configs/sandbox/" + sandboxVersion + "/promote",
                Json.MAPPER.createObjectNode().put("to", "production")).path("proxy_config");
    }

    /** The latest configuration of every product of the tenant in {@code environment}. */
    public List<JsonNode> accountConfigs(String environment) {
        return client.listAll("/admin/api/account/proxy_configs/" + environment, Map.of("version", "latest"),
                "proxy_configs", "proxy_config");
    }
}
