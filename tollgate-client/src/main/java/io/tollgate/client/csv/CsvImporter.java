package io.tollgate.client.csv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.Documents.DocumentException;
import io.tollgate.client.Metrics;
import io.tollgate.client.Refs;
import io.tollgate.common.SystemNames;
import io.tollgate.model.Owner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code import csv}: rows of {@code service_name,endpoint_name,endpoint_http_method,endpoint_path,
 * auth_mode,endpoint_system_name,type}. Each service (by the system name its name gives) is created
 * when missing with the auth mode's backend_version; each row becomes a metric or method
 * ({@code type}) and a mapping rule to it. What exists already is kept, so a re-run creates nothing.
 */
public final class CsvImporter {
    public static final List<String> HEADER = List.of("service_name", "endpoint_name", "endpoint_http_method",
            "endpoint_path", "auth_mode", "endpoint_system_name", "type");

    /** What an import created. */
    public record Result(int services, int metrics, int methods, int mappingRules) {
    }

    private final AdminClient client;

    public CsvImporter(AdminClient client) {
        this.client = client;
    }

    public Result importCsv(String text, String source) {
        List<Map<String, String>> rows = rows(text, source);
        Map<String, List<Map<String, String>>> byService = new LinkedHashMap<>();
        rows.forEach(r -> byService.computeIfAbsent(r.get("service_name"), k -> new ArrayList<>()).add(r));
        int services = 0;
        int metrics = 0;
        int methods = 0;
        int rules = 0;
        for (Map.Entry<String, List<Map<String, String>>> service : byService.entrySet()) {
            String systemName = SystemNames.derive(service.getKey());
            Optional<JsonNode> existing = client.services().find(systemName);
            long serviceId;
            if (existing.isEmpty()) {
                serviceId = Refs.id(client.services().create(Documents.JSON.createObjectNode()
                        .put("name", service.getKey()).put("system_name", systemName)
                        .put("backend_version", backendVersion(service.getValue().get(0).get("auth_mode")))));
                services++;
            } else {
                serviceId = Refs.id(existing.get());
            }
            Metrics api = client.metrics(Owner.product(serviceId));
            List<JsonNode> all = new ArrayList<>(api.all());
            long hits = Refs.id(api.hits());
            var ruleApi = client.mappingRules(Owner.product(serviceId));
            List<JsonNode> presentRules = ruleApi.list();
            for (Map<String, String> row : service.getValue()) {
                String name = row.get("endpoint_system_name");
                JsonNode metric = all.stream().filter(m -> name.equals(m.path("system_name").asText())).findFirst()
                        .orElse(null);
                if (metric == null) {
                    ObjectNode fields = Documents.JSON.createObjectNode().put("system_name", name)
                            .put("friendly_name", row.get("endpoint_name"));
                    if (row.get("type").equals("method")) {
                        metric = api.createMethod(hits, fields);
                        methods++;
                    } else {
                        metric = api.createMetric(fields.put("unit", "hit"));
                        metrics++;
                    }
                    all.add(metric);
                }
                long metricId = Refs.id(metric);
                String method = row.get("endpoint_http_method").toUpperCase(Locale.ROOT);
                String pattern = row.get("endpoint_path");
                boolean present = presentRules.stream().anyMatch(r -> r.path("metric_id").asLong() == metricId
                        && method.equals(r.path("http_method").asText()) && pattern.equals(r.path("pattern").asText()));
                if (!present) {
                    presentRules.add(ruleApi.create(Documents.JSON.createObjectNode().put("http_method", method)
                            .put("pattern", pattern).put("metric_id", metricId).put("delta", 1)));
                    rules++;
                }
            }
        }
        return new Result(services, metrics, methods, rules);
    }

    static String backendVersion(String authMode) {
        return switch (authMode.trim().toLowerCase(Locale.ROOT)) {
            case "api_key", "user_key", "1" -> "1";
            case "app_id", "app_id_and_app_key", "app_key", "2" -> "2";
            case "oauth", "oidc" -> "oidc";
            default -> throw new DocumentException("auth_mode '" + authMode
                    + "': expected api_key, app_id or oauth");
        };
    }

    /** The rows, checked completely before anything is created. */
    static List<Map<String, String>> rows(String text, String source) {
        List<List<String>> lines = CsvParser.parse(text);
        if (lines.isEmpty() || !lines.get(0).stream().map(String::trim).toList().equals(HEADER)) {
            throw new DocumentException(source + ": the first line must be the header " + String.join(",", HEADER));
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> line = lines.get(i);
            if (line.size() == 1 && line.get(0).isBlank()) {
                continue;
            }
            if (line.size() != HEADER.size()) {
                throw new DocumentException(source + ": line " + (i + 1) + " has " + line.size() + " fields (expected "
                        + HEADER.size() + ")");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < HEADER.size(); c++) {
                String value = line.get(c).trim();
                if (value.isEmpty()) {
                    throw new DocumentException(source + ": line " + (i + 1) + ": " + HEADER.get(c) + " is empty");
                }
                row.put(HEADER.get(c), value);
            }
            if (!row.get("type").equals("metric") && !row.get("type").equals("method")) {
                throw new DocumentException(source + ": line " + (i + 1) + ": type '" + row.get("type")
                        + "' (expected metric or method)");
            }
            backendVersion(row.get("auth_mode"));
            rows.add(row);
        }
        return rows;
    }
}
