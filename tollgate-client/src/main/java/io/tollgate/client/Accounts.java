package io.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Developer accounts. */
public final class Accounts {
    private static final String BASE = "/admin/api/accounts";

    private final AdminClient client;

    Accounts(AdminClient client) {
        this.client = client;
    }

    public List<JsonNode> list() {
        return client.listAll(BASE, Map.of(), "accounts", "account");
    }

    /**
     * By id, else by the email, username or user id of one of its users, in that order (as the 3scale
     * toolbox looks accounts up). Developer accounts have no provider keys in Tollgate, so the
     * toolbox's last try, {@code buyer_provider_key}, has nothing to find and is not sent.
     */
    public Optional<JsonNode> find(String ref) {
        if (Refs.isId(ref)) {
            Optional<JsonNode> byId = client.find(BASE + "/" + ref, Map.of()).map(n -> n.path("account"));
            if (byId.isPresent()) {
                return byId;
            }
        }
        for (String key : List.of("email", "username", "user_id")) {
            if (key.equals("user_id") && !Refs.isId(ref)) {
                continue;
            }
            Optional<JsonNode> found = client.find(BASE + "/find", Map.of(key, ref)).map(n -> n.path("account"));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    public JsonNode require(String ref) {
        return find(ref).orElseThrow(() -> new NotFoundException("account " + ref + " not found on " + client.remote()));
    }
}
