package io.tollgate.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates products, backends, metrics and rules through the admin API for tests that need them as
 * a starting point, failing fast when a setup call does not succeed. Names are unique per JVM, so
 * tests can share one platform.
 */
public final class AdminFixtures {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final ApiClient client;

    public AdminFixtures(ApiClient client) {
        this.client = client;
    }

    public static String unique(String prefix) {
        return prefix + " " + SEQUENCE.incrementAndGet();
    }

    /** A new product's id. */
    public long product() {
        return created(client.post("/admin/api/services.json",
                Map.of("service", Map.of("name", unique("Product")))), "/service/id");
    }

    /** A new backend's id. */
    public long backend() {
        return created(client.post("/admin/api/backend_apis.json",
                Map.of("name", unique("Backend"), "private_endpoint", "https://upstream.example.com")),
                "/backend_api/id");
    }

    /** The id of the "hits" metric under {@code ownerPath} (e.g. /admin/api/services/1). */
    public long hits(String ownerPath) {
        ApiClient.Response metrics = client.get(ownerPath + "/metrics.json");
        assertThat(metrics.status()).isEqualTo(200);
        for (JsonNode item : metrics.at("/metrics")) {
            if (item.at("/metric/system_name").asText().equals("hits")) {
                return item.at("/metric/id").asLong();
            }
        }
        throw new AssertionError("no hits metric under " + ownerPath);
    }

    /** A new metric's id under {@code ownerPath}. */
    public long metric(String ownerPath) {
        return created(client.post(ownerPath + "/metrics.json",
                Map.of("metric", Map.of("friendly_name", unique("Metric"), "unit", "call"))), "/metric/id");
    }

    /** A new method's id under the owner's hits metric. */
    public long method(String ownerPath) {
        return created(client.post(ownerPath + "/metrics/" + hits(ownerPath) + "/methods.json",
                Map.of("metric", Map.of("friendly_name", unique("Method")))), "/method/id");
    }

    /** A new rule (GET, delta 1) posted to {@code rulesPath}; {@code extra} adds or overrides fields. */
    public long rule(String rulesPath, String pattern, long metricId, Map<String, Object> extra) {
        Map<String, Object> fields = new HashMap<>(Map.of("http_method", "GET", "pattern", pattern,
                "delta", 1, "metric_id", metricId));
        fields.putAll(extra);
        return created(client.post(rulesPath + ".json", Map.of("mapping_rule", fields)), "/mapping_rule/id");
    }

    /** A new backend usage's id. */
    public long usage(long productId, long backendId, String path) {
        return created(client.post("/admin/api/services/" + productId + "/backend_usages.json",
                Map.of("backend_api_id", backendId, "path", path)), "/backend_usage/id");
    }

    private static long created(ApiClient.Response response, String idPointer) {
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.at(idPointer).asLong();
    }
}
