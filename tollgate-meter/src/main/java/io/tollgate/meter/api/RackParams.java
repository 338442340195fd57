package io.tollgate.meter.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rack's nested parameters ({@code Rack::Utils.parse_nested_query}), which apisonator's clients rely
 * on: {@code usage[hits]=1} is a map, {@code transactions[0][usage][hits]=2} a map of maps,
 * {@code a[]=1&a[]=2} a list and {@code a[][b]=1} a list of maps. A value is a {@link String}, a
 * {@code Map<String, Object>}, a {@code List<Object>}, or null for a pair without {@code =}
 * ({@code transactions[0]} alone is Rack's nil transaction).
 *
 * <p>Pairs are separated by {@code &} or {@code ;} (Rack 2); {@code +} is a space; a malformed
 * {@code %} escape is apisonator's {@code bad_request "Invalid query parameters: invalid %-encoding"};
 * invalid UTF-8 is {@code not_valid_data}; a name whose shape contradicts an earlier one
 * ({@code usage=1&usage[hits]=1}) or that nests deeper than {@value #MAX_DEPTH} is {@code bad_request}.
 */
final class RackParams {
    /** The deepest nesting accepted, as Rack's {@code param_depth_limit}. */
    static final int MAX_DEPTH = 32;

    private RackParams() {
    }

    /** Parses {@code encoded} (a query string or a form body, undecoded) into a new map. */
    static Map<String, Object> parse(String encoded) {
        Map<String, Object> params = new LinkedHashMap<>();
        parseInto(params, encoded);
        return params;
    }

    /** Parses {@code encoded} into {@code params}; later pairs overwrite earlier scalar ones. */
    static void parseInto(Map<String, Object> params, String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        int i = 0;
        int n = encoded.length();
        while (i < n) {
            int end = i;
            while (end < n && encoded.charAt(end) != '&' && encoded.charAt(end) != ';') {
                end++;
            }
            String pair = encoded.substring(i, end);
            i = end + 1;
            while (i < n && encoded.charAt(i) == ' ') {
                i++; // Rack 2's separator is /[&;] */
            }
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? null : decode(pair.substring(eq + 1));
            put(params, name, value);
        }
    }

    /** Adds one already-decoded pair (a multipart field, say) under its nested {@code name}. */
    static void put(Map<String, Object> params, String name, String value) {
        normalize(params, name, value, MAX_DEPTH);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalize(Map<String, Object> params, String name, Object value, int depth) {
        if (depth <= 0) {
            throw ApiError.badRequest();
        }
        // name =~ /\A[\[\]]*([^\[\]]+)\]*/ : skip leading brackets, take the key, drop closing brackets
        int start = 0;
        while (start < name.length() && isBracket(name.charAt(start))) {
            start++;
        }
        int keyEnd = start;
        while (keyEnd < name.length() && !isBracket(name.charAt(keyEnd))) {
            keyEnd++;
        }
        if (keyEnd == start) {
            return params; // no key at all ("=1", "[]=1"): Rack drops the pair
        }
        String key = name.substring(start, keyEnd);
        int afterStart = keyEnd;
        while (afterStart < name.length() && name.charAt(afterStart) == ']') {
            afterStart++;
        }
        String after = name.substring(afterStart);
        if (after.isEmpty()) {
            params.put(key, value);
        } else if (after.equals("[")) {
            params.put(name, value);
        } else if (after.equals("[]")) {
            listAt(params, key).add(value);
        } else if (after.startsWith("[]")) {
            String childKey = after.startsWith("[][") && after.endsWith("]") && isPlainKey(after, 3, after.length() - 1)
                    ? after.substring(3, after.length() - 1)
                    : after.substring(2);
            List<Object> list = listAt(params, key);
            Object last = list.isEmpty() ? null : list.get(list.size() - 1);
            if (last instanceof Map<?, ?> map && !hasKey((Map<String, Object>) map, childKey)) {
                normalize((Map<String, Object>) map, childKey, value, depth - 1);
            } else {
                list.add(normalize(new LinkedHashMap<>(), childKey, value, depth - 1));
            }
        } else {
            Object existing = params.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
            if (!(existing instanceof Map<?, ?> map)) {
                throw ApiError.badRequest(); // Rack: "expected Hash (got String)"
            }
            normalize((Map<String, Object>) map, after, value, depth - 1);
        }
        return params;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> listAt(Map<String, Object> params, String key) {
        Object existing = params.computeIfAbsent(key, k -> new ArrayList<>());
        if (!(existing instanceof List<?> list)) {
            throw ApiError.badRequest(); // Rack: "expected Array (got Hash)"
        }
        return (List<Object>) list;
    }

    /** Rack's {@code params_hash_has_key?}: whether the nested path {@code key} is already set. */
    @SuppressWarnings("unchecked")
    private static boolean hasKey(Map<String, Object> map, String key) {
        if (key.contains("[]")) {
            return false;
        }
        Object current = map;
        for (String part : key.split("[\\[\\]]+")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!(current instanceof Map<?, ?> m) || !m.containsKey(part)) {
                return false;
            }
            current = ((Map<String, Object>) m).get(part);
        }
        return true;
    }

    private static boolean isPlainKey(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (isBracket(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBracket(char c) {
        return c == '[' || c == ']';
    }

    /**
     * Form decoding: {@code +} is a space and {@code %XX} a byte; the bytes must be UTF-8. Characters
     * above U+00FF (only possible when the caller already decoded text) are taken as UTF-8 text.
     */
    static String decode(String encoded) {
        if (encoded.indexOf('%') < 0 && encoded.indexOf('+') < 0 && isAscii(encoded)) {
            return encoded;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= encoded.length() || hex(encoded.charAt(i + 1)) < 0 || hex(encoded.charAt(i + 2)) < 0) {
                    throw ApiError.badRequest("Invalid query parameters: invalid %-encoding");
                }
                bytes.write(hex(encoded.charAt(i + 1)) * 16 + hex(encoded.charAt(i + 2)));
                i += 2;
            } else if (c <= 0xFF) {
                bytes.write(c); // the request line arrives as ISO-8859-1: one char per byte
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return utf8(bytes.toByteArray());
    }

    /** Decodes strictly: invalid UTF-8 is apisonator's {@code not_valid_data}. */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiError.notValidData();
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
