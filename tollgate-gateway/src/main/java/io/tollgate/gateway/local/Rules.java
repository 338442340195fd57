package io.tollgate.gateway.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code rules} of a binding or a route: {@code [{methods: [GET, POST], path: "/api(/.*)?"}]} — any rule
 * matching is enough, and inside a rule every field given must match; {@code path} is a regular expression
 * the whole path must match, {@code methods} a list (or {@code GET|POST}). Translated into the chain
 * entry's {@code rules} (docs/gateway-configuration.md).
 */
final class Rules {
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    private Rules() {
    }

    static ArrayNode translate(List<Node> rules) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Node rule : rules) {
            rule.only("methods", "path");
            ObjectNode r = out.addObject();
            Node methods = rule.get("methods");
            if (!methods.isNull()) {
                ArrayNode list = r.putArray("methods");
                List<String> names = methods.raw().isTextual()
                        ? List.of(methods.requiredString().split("\\|"))
                        : methods.list().stream().map(Node::requiredString).toList();
                for (String m : names) {
                    String method = m.trim().toUpperCase(Locale.ROOT);
                    if (!METHODS.contains(method)) {
                        throw methods.fail(Node.quote(m) + " (expected: one of " + String.join(", ", METHODS) + ")");
                    }
                    list.add(method);
                }
            }
            Node path = rule.get("path");
            if (!path.isNull()) {
                String regex = path.requiredString();
                try {
                    Pattern.compile(regex);
                } catch (PatternSyntaxException e) {
                    throw path.fail(Node.quote(regex) + " (expected: a regular expression; " + e.getDescription() + ")");
                }
                r.put("path", regex);
            }
        }
        return out;
    }
}
