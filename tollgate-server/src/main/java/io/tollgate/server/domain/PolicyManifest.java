package io.tollgate.server.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.common.Errors;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Checks a custom policy's manifest as the gateway needs it: {@code name} and {@code summary} (at
 * most {@value #MAX_SUMMARY} characters) are non-blank strings, {@code version} is the version it is
 * registered under, and {@code configuration} is a JSON Schema object. The schema check is
 * structural (the keywords a policy configuration uses have the JSON types draft-07 gives them),
 * enough to reject what the gateway could not render or validate against. Problems go to the
 * {@code schema} field, each naming the place: {@code configuration.properties.limit.type: …}.
 */
final class PolicyManifest {
    static final int MAX_SUMMARY = 75;
    private static final Set<String> TYPES = Set.of("object", "array", "string", "number", "integer", "boolean",
            "null");
    private static final Set<String> SCHEMA_ARRAYS = Set.of("oneOf", "anyOf", "allOf");
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "definitions", "$defs", "patternProperties");
    private static final Set<String> SCHEMAS = Set.of("not", "if", "then", "else", "contains", "propertyNames");
    private static final int MAX_DEPTH = 32;

    private PolicyManifest() {
    }

    static void check(JsonNode schema, String version, Errors errors) {
        if (schema == null || !schema.isObject()) {
            errors.add("schema", "must be a JSON object (the policy manifest)");
            return;
        }
        requiredText(schema, "name", errors);
        String summary = requiredText(schema, "summary", errors);
        if (summary != null && summary.length() > MAX_SUMMARY) {
            errors.add("schema", "summary: is too long (maximum is " + MAX_SUMMARY + " characters)");
        }
        String manifestVersion = requiredText(schema, "version", errors);
        if (manifestVersion != null && version != null && !manifestVersion.equals(version)) {
            errors.add("schema", "version: " + manifestVersion + " does not match the policy's version " + version);
        }
        JsonNode description = schema.get("description");
        if (description != null && !description.isTextual() && !(description.isArray() && allText(description))) {
            errors.add("schema", "description: must be a string or an array of strings");
        }
        JsonNode configuration = schema.get("configuration");
        if (configuration == null || configuration.isNull()) {
            errors.add("schema", "configuration: can't be blank (a JSON Schema of the policy's configuration)");
        } else if (!configuration.isObject()) {
            errors.add("schema", "configuration: must be a JSON Schema object");
        } else {
            checkSchema(configuration, "configuration", 0, errors);
        }
    }

    private static String requiredText(JsonNode schema, String key, Errors errors) {
        JsonNode value = schema.get(key);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            errors.add("schema", key + ": can't be blank");
            return null;
        }
        if (!value.isTextual()) {
            errors.add("schema", key + ": must be a string");
            return null;
        }
        return value.asText();
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    /** A schema is an object (or, below the top, the boolean schemas true/false of draft-06+). */
    private static void checkSchema(JsonNode node, String at, int depth, Errors errors) {
        if (node.isBoolean()) {
            return;
        }
        if (!node.isObject()) {
            errors.add("schema", at + ": must be a JSON Schema (an object)");
            return;
        }
        if (depth > MAX_DEPTH) {
            errors.add("schema", at + ": is nested too deeply (maximum depth " + MAX_DEPTH + ")");
            return;
        }
        checkType(node.get("type"), at + ".type", errors);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            String place = at + "." + key;
            if (SCHEMA_MAPS.contains(key)) {
                if (!value.isObject()) {
                    errors.add("schema", place + ": must be an object of schemas");
                } else {
                    value.fields().forEachRemaining(e -> checkSchema(e.getValue(), place + "." + e.getKey(), depth + 1,
                            errors));
                }
            } else if (SCHEMA_ARRAYS.contains(key)) {
                if (!value.isArray() || value.isEmpty()) {
                    errors.add("schema", place + ": must be a non-empty array of schemas");
                } else {
                    for (int i = 0; i < value.size(); i++) {
                        checkSchema(value.get(i), place + "[" + i + "]", depth + 1, errors);
                    }
                }
            } else if (SCHEMAS.contains(key) || key.equals("additionalProperties") || key.equals("additionalItems")) {
                checkSchema(value, place, depth + 1, errors);
            } else if (key.equals("items")) {
                if (value.isArray()) {
                    for (int i = 0; i < value.size(); i++) {
                        checkSchema(value.get(i), place + "[" + i + "]", depth + 1, errors);
                    }
                } else {
                    checkSchema(value, place, depth + 1, errors);
                }
            } else if (key.equals("required") && !(value.isArray() && allText(value))) {
                errors.add("schema", place + ": must be an array of strings");
            } else if (key.equals("enum") && !value.isArray()) {
                errors.add("schema", place + ": must be an array");
            }
        }
    }

    private static void checkType(JsonNode type, String at, Errors errors) {
        if (type == null) {
            return;
        }
        if (type.isTextual() && TYPES.contains(type.asText())) {
            return;
        }
        if (type.isArray() && !type.isEmpty()) {
            boolean ok = true;
            for (JsonNode t : type) {
                ok &= t.isTextual() && TYPES.contains(t.asText());
            }
            if (ok) {
                return;
            }
        }
        errors.add("schema", at + ": must be one of " + String.join(", ", new java.util.TreeSet<>(TYPES))
                + " (or an array of them)");
    }
}
