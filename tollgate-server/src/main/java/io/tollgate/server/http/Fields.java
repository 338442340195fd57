package io.tollgate.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.common.Errors;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of one entity in a request, read leniently: the same value may arrive as JSON
 * ({@code true}, {@code 5}) or as form text ({@code "true"}, {@code "5"}), flat or wrapped in
 * the entity key. Values of the wrong type are reported into an {@link Errors} by field name.
 */
public final class Fields {
    private final ObjectNode node;

    private Fields(ObjectNode node) {
        this.node = node;
    }

    /**
     * The entity's fields: the flat parameters overlaid with those wrapped in {@code wrapper}
     * (e.g. {"service":{...}}), as Rails' wrap_parameters makes them equivalent.
     */
    public static Fields of(ObjectNode params, String wrapper) {
        JsonNode wrapped = wrapper == null ? null : params.get(wrapper);
        if (wrapped instanceof ObjectNode object) {
            ObjectNode merged = params.deepCopy();
            merged.remove(wrapper);
            merged.setAll(object);
            return new Fields(merged);
        }
        return new Fields(params);
    }

    public boolean has(String name) {
        return node.has(name);
    }

    public JsonNode node(String name) {
        return node.get(name);
    }

    /** A text value; numbers and booleans are given as text; JSON null and absence give empty. */
    public Optional<String> string(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    /** A text value that is present and not blank. */
    public Optional<String> nonBlank(String name) {
        return string(name).filter(s -> !s.isBlank());
    }

    /** true/false, 1/0, "true"/"false", "1"/"0"; an empty string counts as absent. */
    public Optional<Boolean> bool(String name, Errors errors) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isBoolean()) {
            return Optional.of(value.booleanValue());
        }
        String text = value.asText().trim();
        switch (text) {
            case "" -> {
                return Optional.empty();
            }
            case "true", "1" -> {
                return Optional.of(true);
            }
            case "false", "0" -> {
                return Optional.of(false);
            }
            default -> {
                errors.add(name, "must be true or false");
                return Optional.empty();
            }
        }
    }

    /** An integer given as a JSON number or as text; an empty string counts as absent. */
    public Optional<Long> integer(String name, Errors errors) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Optional.of(value.longValue());
        }
        String text = value.asText().trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            errors.add(name, "is not a number");
            return Optional.empty();
        }
    }

    /** A decimal given as a JSON number or as text. */
    public Optional<java.math.BigDecimal> decimal(String name, Errors errors) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            return Optional.of(value.decimalValue());
        }
        String text = value.asText().trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new java.math.BigDecimal(text));
        } catch (NumberFormatException e) {
            errors.add(name, "is not a number");
            return Optional.empty();
        }
    }

    /** A string-to-string object such as {@code annotations}. */
    public Optional<Map<String, String>> stringMap(String name, Errors errors) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            errors.add(name, "must be an object");
            return Optional.empty();
        }
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            map.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
        }
        return Optional.of(map);
    }
}
