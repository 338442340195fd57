package io.tollgate.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses form-encoded parameters the way Rails does, because 3scale clients (the Go client, curl
 * scripts) send nested names: {@code service[name]=x}, {@code scopes[]=a&scopes[]=b},
 * {@code usage[hits]=1}. The result is a JSON tree of strings, objects and arrays.
 */
public final class FormParams {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FormParams() {
    }

    /** Parses {@code a=1&b[c]=2} (a query string or an x-www-form-urlencoded body). */
    public static ObjectNode parse(String encoded) {
        ObjectNode root = NODES.objectNode();
        if (encoded == null || encoded.isEmpty()) {
            return root;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            put(root, name, value);
        }
        return root;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedBodyException("form", "invalid percent-encoding in '" + text + "'");
        }
    }

    /** Adds one {@code name=value} pair, following the bracket path in {@code name}. */
    static void put(ObjectNode root, String name, String value) {
        List<String> keys = keys(name);
        if (keys.isEmpty()) {
            return;
        }
        JsonNode container = root;
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            boolean leaf = i == keys.size() - 1;
            String next = leaf ? null : keys.get(i + 1);
            if (container instanceof ObjectNode object) {
                if (leaf) {
                    object.put(key, value);
                    return;
                }
                JsonNode child = object.get(key);
                if (next.isEmpty()) {
                    if (!(child instanceof ArrayNode)) {
                        child = object.putArray(key);
                    }
                } else if (!(child instanceof ObjectNode)) {
                    child = object.putObject(key);
                }
                container = child;
            } else if (container instanceof ArrayNode array) {
                // "a[]" appends a value; "a[][b]" appends an object unless the last one lacks b.
                if (leaf) {
                    array.add(value);
                    return;
                }
                JsonNode last = array.isEmpty() ? null : array.get(array.size() - 1);
                if (last instanceof ObjectNode lastObject && !lastObject.has(next)) {
                    container = lastObject;
                } else {
                    container = array.addObject();
                }
            }
        }
    }

    /** {@code a[b][]} → [a, b, ""]; a name without brackets is one key. */
    static List<String> keys(String name) {
        List<String> keys = new ArrayList<>();
        int open = name.indexOf('[');
        if (open <= 0) {
            keys.add(name);
            return keys;
        }
        keys.add(name.substring(0, open));
        int i = open;
        while (i < name.length() && name.charAt(i) == '[') {
            int close = name.indexOf(']', i);
            if (close < 0) {
                break;
            }
            keys.add(name.substring(i + 1, close));
            i = close + 1;
        }
        return keys;
    }
}
