package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.server.testing.ApiClient;
import java.util.List;
import java.util.Map;

/** A product with everything an export carries, built through the admin API of one tenant. */
final class Fixtures {
    private Fixtures() {
    }

    static long id(ApiClient.Response response, String pointer) {
        assertThat(response.status()).as(response.text()).isBetween(200, 201);
        return response.at(pointer).asLong();
    }

    /** Product {@code systemName} using backend {@code backendSystemName} at /v1; returns the product id. */
    static long richProduct(ApiClient api, String systemName, String backendSystemName) {
        long backend = id(api.post("/admin/api/backend_apis.json", Map.of("name", "Backend " + backendSystemName,
                "system_name", backendSystemName, "private_endpoint", "https://b1.example.com:443",
                "description", "the pets upstream")), "/backend_api/id");
        String backendPath = "/admin/api/backend_apis/" + backend;
        long backendHits = hits(api, backendPath);
        long backendMethod = id(api.post(backendPath + "/metrics/" + backendHits + "/methods.json",
                Map.of("metric", Map.of("friendly_name", "Backend method", "system_name", "backend_method"))),
                "/method/id");
        id(api.post(backendPath + "/mapping_rules.json", Map.of("http_method", "GET", "pattern", "/pets",
                "metric_id", backendMethod, "delta", 1)), "/mapping_rule/id");

        long product = id(api.post("/admin/api/services.json", Map.of("service", Map.of("name", "Product "
                + systemName, "system_name", systemName, "description", "described"))), "/service/id");
        String productPath = "/admin/api/services/" + product;
        long hits = hits(api, productPath);
        long metric = id(api.post(productPath + "/metrics.json", Map.of("metric", Map.of("friendly_name", "Bytes",
                "system_name", "bytes", "unit", "byte"))), "/metric/id");
        long method = id(api.post(productPath + "/metrics/" + hits + "/methods.json", Map.of("metric",
                Map.of("friendly_name", "List pets", "system_name", "list_pets"))), "/method/id");
        id(api.post(productPath + "/proxy/mapping_rules.json", Map.of("mapping_rule", Map.of("http_method", "GET",
                "pattern", "/v2/pets$", "metric_id", method, "delta", 2, "last", true))), "/mapping_rule/id");
        id(api.post(productPath + "/proxy/mapping_rules.json", Map.of("mapping_rule", Map.of("http_method", "POST",
                "pattern", "/v2/bytes", "metric_id", metric, "delta", 1))), "/mapping_rule/id");
        id(api.post(productPath + "/backend_usages.json", Map.of("backend_api_id", backend, "path", "/v1")),
                "/backend_usage/id");
        long plan = id(api.post(productPath + "/application_plans.json", Map.of("application_plan", Map.of(
                "name", "Basic", "system_name", "basic", "cost_per_month", 10.5, "setup_fee", 1, "trial_period_days", 7,
                "state_event", "publish"))), "/application_plan/id");
        id(api.post(productPath + "/application_plans.json", Map.of("application_plan", Map.of("name", "Unlimited"))),
                "/application_plan/id");
        String planPath = "/admin/api/application_plans/" + plan;
        id(api.post(planPath + "/metrics/" + hits + "/limits.json", Map.of("usage_limit",
                Map.of("period", "hour", "value", 1000))), "/limit/id");
        id(api.post(planPath + "/metrics/" + backendHits + "/limits.json", Map.of("usage_limit",
                Map.of("period", "day", "value", 5000))), "/limit/id");
        id(api.post(planPath + "/metrics/" + hits + "/pricing_rules.json", Map.of("cost_per_unit", 0.5, "min", 1,
                "max", 100)), "/pricing_rule/id");
        id(api.post(planPath + "/metrics/" + method + "/pricing_rules.json", Map.of("cost_per_unit", 2, "min", 1)),
                "/pricing_rule/id");
        assertThat(api.put(productPath + "/proxy/policies.json", Map.of("policies_config", List.of(
                Map.of("name", "cors", "version", "builtin", "configuration", Map.of("allow_origin", "*"), "enabled", true),
                Map.of("name", "apicast", "version", "builtin", "configuration", Map.of(), "enabled", true))))
                .status()).isEqualTo(200);
        assertThat(api.patch(productPath + "/proxy.json", Map.of("proxy", Map.of(
                "endpoint", "https://api.example.com:443", "sandbox_endpoint", "https://staging.example.com:443",
                "credentials_location", "headers", "auth_user_key", "X-Api-Key", "secret_token", "s3cret",
                "error_status_no_match", 410, "error_no_match", "Gone"))).status()).isEqualTo(200);
        return product;
    }

    static long hits(ApiClient api, String ownerPath) {
        for (var metric : api.get(ownerPath + "/metrics.json").at("/metrics")) {
            if (metric.at("/metric/system_name").asText().equals("hits")) {
                return metric.at("/metric/id").asLong();
            }
        }
        throw new AssertionError("no hits under " + ownerPath);
    }
}
