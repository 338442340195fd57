package io.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Applications of developer accounts. */
public final class Applications {
    private final AdminClient client;

    Applications(AdminClient client) {
        this.client = client;
    }

    private static String ofAccount(long accountId) {
        return "/admin/api/accounts/" + accountId + "/applications";
    }

    /** The tenant's applications, optionally of one product and plan. */
    public List<JsonNode> list(Long serviceId, Long planId) {
        Map<String, String> query = new LinkedHashMap<>();
        if (serviceId != null) {
            query.put("service_id", serviceId.toString());
        }
        if (planId != null) {
            query.put("plan_id", planId.toString());
        }
        return client.listAll("/admin/api/applications", query, "applications", "application");
    }

    public List<JsonNode> ofAccountList(long accountId) {
        return client.list(ofAccount(accountId), Map.of(), "applications", "application");
    }

    /** By user key, app id (client id) or internal id, tried in that order; optionally within a product. */
    public Optional<JsonNode> find(String ref, Long serviceId) {
        for (String key : List.of("user_key", "app_id", "application_id")) {
            if (key.equals("application_id") && !Refs.isId(ref)) {
                continue;
            }
            Map<String, String> query = new LinkedHashMap<>();
            query.put(key, ref);
            if (serviceId != null) {
                query.put("service_id", serviceId.toString());
            }
            Optional<JsonNode> found = client.find("/admin/api/applications/find", query)
                    .map(n -> n.path("application"));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    public JsonNode require(String ref) {
        return find(ref, null).orElseThrow(() -> new NotFoundException("application " + ref + " not found on "
                + client.remote()));
    }

    public JsonNode create(long accountId, ObjectNode fields) {
        return client.post(ofAccount(accountId), fields).path("application");
    }

    public JsonNode update(long accountId, long id, ObjectNode fields) {
        return client.put(ofAccount(accountId) + "/" + id, fields).path("application");
    }

    public JsonNode suspend(long accountId, long id) {
        return client.put(ofAccount(accountId) + "/" + id + "/suspend", Json.MAPPER.createObjectNode()).path("application");
    }

    public JsonNode resume(long accountId, long id) {
        return client.put(ofAccount(accountId) + "/" + id + "/resume", Json.MAPPER.createObjectNode()).path("application");
    }

    public void delete(long accountId, long id) {
        client.delete(ofAccount(accountId) + "/" + id);
    }
}
