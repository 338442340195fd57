package io.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.Owner;
import java.util.List;
import java.util.Map;

/** Mapping rules of a product ({@code …/proxy/mapping_rules}, wrapped) or a backend ({@code …/mapping_rules}, flat). */
public final class MappingRules {
    private final AdminClient client;
    private final Owner owner;
    private final String base;

    MappingRules(AdminClient client, Owner owner) {
        this.client = client;
        this.owner = owner;
        this.base = Metrics.ownerPath(owner) + (owner.type() == Owner.Type.PRODUCT ? "/proxy" : "") + "/mapping_rules";
    }

    public List<JsonNode> list() {
        return client.listAll(base, Map.of(), "mapping_rules", "mapping_rule");
    }

    public JsonNode create(ObjectNode fields) {
        JsonNode body = owner.type() == Owner.Type.PRODUCT ? Services.wrap("mapping_rule", fields) : fields;
        return client.post(base, body).path("mapping_rule");
    }

    public void delete(long id) {
        client.delete(base + "/" + id);
    }
}
