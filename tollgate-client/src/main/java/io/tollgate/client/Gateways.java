package io.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.model.Json;
import java.util.List;
import java.util.Map;

/** The tenant's gateway fleet: registration tokens and the registry with each gateway's status. */
public final class Gateways {
    static final String BASE = "/admin/api/gateways";

    private final AdminClient client;

    Gateways(AdminClient client) {
        this.client = client;
    }

    /**
     * Mints a one-time registration token for {@code environment} ({@code production} or
     * {@code staging}); the answer holds the token, its expiry and the command to paste.
     */
    public JsonNode mintToken(String environment) {
        return client.post("/admin/api/gateway/registration_tokens",
                Json.MAPPER.createObjectNode().put("environment", environment)).path("registration_token");
    }

    /** The registered gateways that are not deleted, of one environment or (null) all. */
    public List<JsonNode> list(String environment) {
        return client.list(BASE, environment == null ? Map.of() : Map.of("environment", environment), "gateways",
                "gateway");
    }
}
