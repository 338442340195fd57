package io.tollgate.client.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.client.Documents;
import io.tollgate.client.Documents.DocumentException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The Kubernetes custom-resource shape products and backends are exported in: a {@code v1 List} of
 * {@code Product} and {@code Backend} resources (the 3scale operator's CRDs, under Tollgate's own API
 * group; 3scale's is accepted on import).
 */
public final class Crs {
    public static final String API_VERSION = "capabilities.tollgate.dev/v1beta1";
    public static final String THREESCALE_API_VERSION = "capabilities.3scale.net/v1beta1";
    public static final List<String> API_VERSIONS = List.of(API_VERSION, THREESCALE_API_VERSION);
    public static final String CREATED_AT = "tollgate_created_at";
    public static final String VERSION = "tollgate_version";

    private Crs() {
    }

    /** A resource with its metadata; the name is derived from the system name, so exports repeat. */
    static ObjectNode resource(String kind, String systemName, Clock clock, String toolVersion) {
        ObjectNode item = Documents.JSON.createObjectNode().put("apiVersion", API_VERSION).put("kind", kind);
        ObjectNode metadata = item.putObject("metadata");
        metadata.putObject("annotations")
                .put(CREATED_AT, Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString())
                .put(VERSION, toolVersion);
        metadata.put("name", resourceName(systemName));
        return item;
    }

    /** A DNS-1123 name: {@code backend_01} → {@code backend.01}. */
    static String resourceName(String systemName) {
        String name = systemName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", ".")
                .replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
        if (name.isEmpty()) {
            name = "resource";
        }
        return name.length() > 253 ? name.substring(0, 253) : name;
    }

    /** The items of a {@code List} (or the one resource the document is), checked for kind and API version. */
    static List<JsonNode> items(JsonNode doc) {
        if (doc == null || !doc.isObject()) {
            throw new DocumentException("product definition: expected a YAML object (a List of Product and Backend)");
        }
        List<JsonNode> items = new java.util.ArrayList<>();
        if ("List".equals(doc.path("kind").asText())) {
            doc.path("items").forEach(items::add);
        } else {
            items.add(doc);
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String kind = item.path("kind").asText();
            if (!kind.equals("Product") && !kind.equals("Backend")) {
                throw new DocumentException("product definition: items[" + i + "].kind: expected Product or Backend, got '"
                        + kind + "'");
            }
            if (!API_VERSIONS.contains(item.path("apiVersion").asText())) {
                throw new DocumentException("product definition: items[" + i + "].apiVersion: expected one of "
                        + API_VERSIONS + ", got '" + item.path("apiVersion").asText() + "'");
            }
            if (item.path("spec").path("systemName").asText("").isBlank()) {
                throw new DocumentException("product definition: items[" + i + "].spec.systemName is missing");
            }
        }
        return items;
    }

    static String text(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() ? "" : value.asText();
    }
}
