package io.tollgate.gateway.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed reads of one value of a resource, failing with a {@link LocalConfigException} that names the
 * file, the resource and the field ({@code apis.yaml: ApiInstance my-api: spec.address: …}). Absent and
 * {@code null} are the same thing. Unknown fields are refused ({@link #only}): a typo in a declarative
 * file must not pass silently.
 */
final class Node {
    private final JsonNode value;
    private final String path;
    private final String where;

    private Node(JsonNode value, String path, String where) {
        this.value = value == null || value.isMissingNode() ? com.fasterxml.jackson.databind.node.NullNode.instance
                : value;
        this.path = path;
        this.where = where;
    }

    /** The value at {@code path} of the resource {@code where} ({@code apis.yaml: ApiInstance my-api}). */
    static Node of(JsonNode value, String path, String where) {
        return new Node(value, path, where);
    }

    String path() {
        return path;
    }

    /** {@code apis.yaml: ApiInstance my-api}. */
    String where() {
        return where;
    }

    JsonNode raw() {
        return value;
    }

    boolean isNull() {
        return value.isNull();
    }

    Node get(String field) {
        if (!value.isNull() && !value.isObject()) {
            throw fail(type(value) + " (expected: an object)");
        }
        return new Node(value.get(field), path.isEmpty() ? field : path + "." + field, where);
    }

    boolean has(String field) {
        return !get(field).isNull();
    }

    /** Refuses fields other than {@code allowed}; the value must be an object or absent. */
    Node only(String... allowed) {
        if (value.isNull()) {
            return this;
        }
        if (!value.isObject()) {
            throw fail(type(value) + " (expected: an object)");
        }
        Set<String> known = Set.of(allowed);
        for (Iterator<String> it = value.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!known.contains(field)) {
                throw get(field).fail("unknown field (expected: " + (allowed.length == 0 ? "none"
                        : "one of " + String.join(", ", allowed)) + ")");
            }
        }
        return this;
    }

    Optional<String> string() {
        if (value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() && !value.isNumber() && !value.isBoolean()) {
            throw fail(type(value) + " (expected: a string)");
        }
        return Optional.of(value.asText());
    }

    String requiredString() {
        String s = string().orElseThrow(() -> fail("missing"));
        if (s.isBlank()) {
            throw fail("empty (expected: a value)");
        }
        return s;
    }

    /** A whole number in {@code min..max}; numbers written as strings ({@code "$PORT"} substituted) count. */
    Optional<Long> number(long min, long max) {
        if (value.isNull()) {
            return Optional.empty();
        }
        long n;
        if (value.isIntegralNumber()) {
            n = value.asLong();
        } else if (value.isTextual()) {
            try {
                n = Long.parseLong(value.asText().trim());
            } catch (NumberFormatException e) {
                throw fail(quote(value.asText()) + " (expected: a whole number)");
            }
        } else {
            throw fail(type(value) + " (expected: a whole number)");
        }
        if (n < min || n > max) {
            throw fail(n + " (expected: " + min + ".." + max + ")");
        }
        return Optional.of(n);
    }

    Optional<Boolean> bool() {
        if (value.isNull()) {
            return Optional.empty();
        }
        if (value.isBoolean()) {
            return Optional.of(value.asBoolean());
        }
        if (value.isTextual() && (value.asText().equals("true") || value.asText().equals("false"))) {
            return Optional.of(Boolean.parseBoolean(value.asText()));
        }
        throw fail(type(value) + " (expected: true or false)");
    }

    /** The elements of a list (absent: none). */
    List<Node> list() {
        if (value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw fail(type(value) + " (expected: a list)");
        }
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            out.add(new Node(value.get(i), path + "[" + i + "]", where));
        }
        return out;
    }

    /** The entries of a map, in file order (absent: none). */
    Map<String, Node> entries() {
        if (value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw fail(type(value) + " (expected: a map of names)");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        value.fieldNames().forEachRemaining(f -> out.put(f, get(f)));
        return out;
    }

    /** The value as an object to hand to a builtin policy (absent: empty). */
    ObjectNode object() {
        if (value.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!value.isObject()) {
            throw fail(type(value) + " (expected: an object)");
        }
        return ((ObjectNode) value).deepCopy();
    }

    LocalConfigException fail(String message) {
        return new LocalConfigException(where + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String type(JsonNode v) {
        if (v.isTextual()) {
            return "a string"; // not its text: it may be a password in the wrong place
        }
        if (v.isNumber()) {
            return "a number " + v.asText();
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isObject()) {
            return "an object";
        }
        return "null";
    }
}
