package io.tollgate.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Creates application plans through the admin API, and helps compare plan-area bodies exactly. */
public final class PlanFixtures {
    private final ApiClient client;

    public PlanFixtures(ApiClient client) {
        this.client = client;
    }

    /** A new hidden plan's id under the product. */
    public long plan(long productId) {
        return plan(productId, AdminFixtures.unique("Plan"));
    }

    /** A new hidden plan's id under the product, with the given name. */
    public long plan(long productId, String name) {
        ApiClient.Response created = client.post(plans(productId) + ".json",
                Map.of("application_plan", Map.of("name", name)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.at("/application_plan/id").asLong();
    }

    public static String plans(long productId) {
        return "/admin/api/services/" + productId + "/application_plans";
    }

    public static String limits(long planId, long metricId) {
        return "/admin/api/application_plans/" + planId + "/metrics/" + metricId + "/limits";
    }

    public static String pricingRules(long planId, long metricId) {
        return "/admin/api/application_plans/" + planId + "/metrics/" + metricId + "/pricing_rules";
    }

    /**
     * The entity under {@code key} with its timestamps checked (ISO-8601 UTC, seconds) and removed,
     * so that the rest can be compared with an exact expected body.
     */
    public static String withoutTimestamps(JsonNode body, String key) {
        ObjectNode entity = ((ObjectNode) body.get(key)).deepCopy();
        for (String field : new String[] {"created_at", "updated_at"}) {
            assertThat(entity.path(field).asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            entity.remove(field);
        }
        return entity.toString();
    }
}
