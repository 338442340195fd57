package io.tollgate.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed reads of a JSON object's fields for configuration parsers, failing with a
 * {@link ConfigException} that names the field (by its path below {@code where}) and the expectation.
 * Absent and {@code null} are the same thing.
 */
public final class JsonFields {
    private final JsonNode node;
    private final String where;

    private JsonFields(JsonNode node, String where) {
        this.node = node;
        this.where = where;
    }

    /** The fields of {@code node}, which must be an object (absent or null counts as empty). */
    public static JsonFields of(JsonNode node, String where) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return new JsonFields(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), where);
        }
        if (!node.isObject()) {
            throw new ConfigException(label(where) + type(node) + " (expected: an object)");
        }
        return new JsonFields(node, where);
    }

    /** The object itself. */
    public ObjectNode node() {
        return (ObjectNode) node;
    }

    /** The path of a field, for messages. */
    public String path(String field) {
        return where.isEmpty() ? field : where + "." + field;
    }

    public boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    public Optional<String> string(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual() && !v.isNumber() && !v.isBoolean()) {
            throw fail(field, type(v) + " (expected: a string)");
        }
        return Optional.of(v.asText());
    }

    public String string(String field, String fallback) {
        return string(field).orElse(fallback);
    }

    public String requiredString(String field) {
        return string(field).filter(s -> !s.isEmpty())
                .orElseThrow(() -> fail(field, "missing (expected: a non-empty string)"));
    }

    public Optional<Long> longValue(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return Optional.of(v.asLong());
        }
        if (v.isTextual()) {
            try {
                return Optional.of(Long.parseLong(v.asText().trim()));
            } catch (NumberFormatException e) {
                // fall through to the error
            }
        }
        throw fail(field, quote(v) + " (expected: an integer)");
    }

    /** An integer in {@code min..max}, or {@code fallback} when absent. */
    public long longValue(String field, long fallback, long min, long max) {
        long value = longValue(field).orElse(fallback);
        if (value < min || value > max) {
            throw fail(field, value + " (expected: " + range(min, max) + ")");
        }
        return value;
    }

    public int intValue(String field, int fallback, int min, int max) {
        return (int) longValue(field, fallback, min, max);
    }

    public boolean bool(String field, boolean fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
            return Boolean.parseBoolean(v.asText());
        }
        throw fail(field, quote(v) + " (expected: true or false)");
    }

    /** The field's elements (absent or null: empty); each must be an object. */
    public List<JsonFields> objects(String field) {
        List<JsonFields> out = new ArrayList<>();
        JsonNode v = array(field);
        for (int i = 0; i < v.size(); i++) {
            out.add(of(v.get(i), path(field) + "[" + i + "]"));
        }
        return out;
    }

    /** The field's elements as strings (absent or null: empty). */
    public List<String> strings(String field) {
        List<String> out = new ArrayList<>();
        JsonNode v = array(field);
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isTextual()) {
                throw new ConfigException(path(field) + "[" + i + "]: " + type(e) + " (expected: a string)");
            }
            out.add(e.asText());
        }
        return out;
    }

    /** The field as an object (absent or null: empty). */
    public JsonFields object(String field) {
        return of(node.get(field), path(field));
    }

    /** One of {@code allowed}, or {@code fallback} when absent. */
    public String oneOf(String field, String fallback, List<String> allowed) {
        String value = string(field, fallback);
        if (!allowed.contains(value)) {
            throw fail(field, quote(value) + " (expected: one of " + String.join(", ", allowed) + ")");
        }
        return value;
    }

    /** A problem with {@code field}: its path, then {@code problem}. */
    public ConfigException fail(String field, String problem) {
        return new ConfigException(path(field) + ": " + problem);
    }

    private JsonNode array(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!v.isArray()) {
            throw fail(field, type(v) + " (expected: an array)");
        }
        return v;
    }

    private static String label(String where) {
        return where.isEmpty() ? "" : where + ": ";
    }

    private static String range(long min, long max) {
        if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
            return ">= " + min;
        }
        return min + ".." + max;
    }

    static String quote(JsonNode v) {
        return v.isTextual() ? quote(v.asText()) : v.toString();
    }

    static String quote(String s) {
        String shown = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return "\"" + shown + "\"";
    }

    static String type(JsonNode v) {
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "an array";
        }
        return quote(v);
    }
}
