package io.tollgate.model.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns swagger-parser's messages into {@link OpenApiProblem}s. The parser names places in its own
 * dotted notation ({@code attribute paths.'/pets'(get).responses is missing},
 * {@code paths.'/a'(get).parameters.[['unknown']].name}, {@code .servers.url}); this walks the
 * document along that path and writes the JSON pointer of the place, resolving a named parameter
 * ({@code [id]}) to its index and descending into a one-element array. A segment that cannot be
 * resolved (typically the missing attribute itself) is kept as a pointer segment.
 */
public final class ParserMessages {
    private static final Pattern ATTRIBUTE = Pattern.compile("attribute (\\S+) (is .+)");

    private ParserMessages() {
    }

    public static OpenApiProblem toProblem(String message, JsonNode document) {
        Matcher matcher = ATTRIBUTE.matcher(message.trim());
        if (!matcher.matches()) {
            return new OpenApiProblem("", message.trim());
        }
        return new OpenApiProblem(pointer(segments(matcher.group(1)), document), matcher.group(2));
    }

    /** {@code paths.'/pets'(get).[id].type} → {@code /pets}, {@code get}, {@code [id]}, {@code type} (after paths). */
    static List<String> segments(String location) {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < location.length(); i++) {
            char c = location.charAt(i);
            if (c == '\'' && depth == 0) {
                quoted = !quoted;
            } else if (quoted) {
                current.append(c);
            } else if (c == '[') {
                depth++;
                current.append(c);
            } else if (c == ']') {
                depth--;
                current.append(c);
            } else if (c == '(' && depth == 0) {
                flush(current, segments);
                int close = location.indexOf(')', i);
                segments.add(location.substring(i + 1, close < 0 ? location.length() : close));
                i = close < 0 ? location.length() : close;
            } else if (c == '.' && depth == 0) {
                flush(current, segments);
            } else {
                current.append(c);
            }
        }
        flush(current, segments);
        return segments;
    }

    private static void flush(StringBuilder current, List<String> segments) {
        if (!current.isEmpty()) {
            segments.add(current.toString());
            current.setLength(0);
        }
    }

    private static String pointer(List<String> segments, JsonNode document) {
        StringBuilder pointer = new StringBuilder();
        JsonNode node = document;
        for (String segment : segments) {
            String name = segment;
            if (segment.startsWith("[") && segment.endsWith("]")) {
                name = segment.substring(1, segment.length() - 1).replace("['", "").replace("']", "");
                if (node != null && node.isObject() && node.get("parameters") != null && node.get("parameters").isArray()) {
                    // Swagger 2.0 messages name an operation's parameter right after the operation.
                    node = node.get("parameters");
                    pointer.append("/parameters");
                }
                if (node != null && node.isArray()) {
                    int index = parameterIndex(node, name);
                    if (index >= 0) {
                        pointer.append('/').append(index);
                        node = node.get(index);
                        continue;
                    }
                }
            }
            if (node != null && node.isArray() && !name.chars().allMatch(Character::isDigit) && node.size() == 1) {
                pointer.append("/0");
                node = node.get(0);
            }
            pointer.append('/').append(name.replace("~", "~0").replace("/", "~1"));
            node = node == null ? null : node.isArray() && name.chars().allMatch(Character::isDigit)
                    ? node.get(Integer.parseInt(name)) : node.get(name);
        }
        return pointer.toString();
    }

    /** The index of the parameter called {@code name}; "unknown" is the first one without a name. */
    private static int parameterIndex(JsonNode array, String name) {
        for (int i = 0; i < array.size(); i++) {
            JsonNode parameter = array.get(i);
            boolean unnamed = !parameter.hasNonNull("name");
            if ((unnamed && name.equals("unknown")) || name.equals(parameter.path("name").asText(null))) {
                return i;
            }
        }
        return -1;
    }
}
