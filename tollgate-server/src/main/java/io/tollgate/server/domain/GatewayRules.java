package io.tollgate.server.domain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.MappingRule;
import io.tollgate.server.domain.ProxyConfigContent.UsedBackend;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a gateway configuration that come from mapping rules and backend usages, compiled
 * as 3scale does: backend rules get their usage path as prefix, and one {@code routing} policy
 * sends each path prefix to its backend's private endpoint.
 */
final class GatewayRules {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String REGEX_META = "\\.[]{}()*+?^$|";

    private GatewayRules() {
    }

    /**
     * Product rules in position order, then each backend's rules (in the given backend order) prefixed.
     * A backend rule's {@code metric_system_name} is {@code <system_name>.<backend_id>}, the name the
     * meter knows the backend metric by within the product (3scale's convention).
     */
    static ArrayNode proxyRules(long productId, List<MappingRule> productRules, Map<Long, String> productMetrics,
            List<UsedBackend> backends) {
        ArrayNode rules = NODES.arrayNode();
        for (MappingRule rule : inPositionOrder(productRules)) {
            rules.add(rule(rule, "", productMetrics, productId, "Service"));
        }
        for (UsedBackend used : backends) {
            String prefix = prefix(used.usage().path());
            Map<Long, String> names = backendMetricNames(used);
            for (MappingRule rule : inPositionOrder(used.rules())) {
                rules.add(rule(rule, prefix, names, used.backend().id(), "BackendApi"));
            }
        }
        return rules;
    }

    /** {@code hits} of backend 42 is {@code hits.42}. */
    static String backendMetricName(String systemName, long backendId) {
        return systemName + "." + backendId;
    }

    private static Map<Long, String> backendMetricNames(UsedBackend used) {
        Map<Long, String> names = new HashMap<>();
        used.metricNames().forEach((id, name) -> names.put(id, backendMetricName(name, used.backend().id())));
        return names;
    }

    /** {@code {"name":"routing","version":"builtin","configuration":{"rules":[…]}}}, one rule per backend. */
    static ObjectNode routingPolicy(List<UsedBackend> backendsByPathDescending) {
        ObjectNode policy = NODES.objectNode().put("name", "routing").put("version", "builtin");
        ArrayNode rules = policy.putObject("configuration").putArray("rules");
        for (UsedBackend used : backendsByPathDescending) {
            String prefix = prefix(used.usage().path());
            ObjectNode rule = rules.addObject().put("url", used.backend().privateEndpoint());
            String quoted = quote(prefix);
            rule.putObject("condition").putArray("operations").addObject()
                    .put("match", "path")
                    .put("op", "matches")
                    .put("value", "^(" + quoted + "/.*|" + quoted + "/?)");
            if (!prefix.isEmpty()) {
                rule.put("replace_path", "{{uri | remove_first: '" + prefix + "'}}");
            }
            rule.put("owner_id", used.backend().id()).put("owner_type", "BackendApi");
        }
        return policy;
    }

    private static ObjectNode rule(MappingRule rule, String prefix, Map<Long, String> metrics, long ownerId,
            String ownerType) {
        String pattern = prefix + rule.pattern();
        ObjectNode node = NODES.objectNode()
                .put("id", rule.id())
                .put("http_method", rule.httpMethod())
                .put("pattern", pattern)
                .put("metric_system_name", metrics.get(rule.metricId()))
                .put("delta", rule.delta())
                .put("last", rule.last())
                .put("position", rule.position())
                .put("owner_id", ownerId)
                .put("owner_type", ownerType);
        node.set("querystring_parameters", querystringParameters(pattern));
        return node;
    }

    /**
     * The query part of a pattern as an object, as Rails parses it: pairs split on {@code &},
     * names and values percent-decoded, a repeated name keeps its last value, a name without
     * {@code =} has a null value. {@code /pets?type={type}&limit=10} → {@code {"type":"{type}","limit":"10"}}.
     */
    static ObjectNode querystringParameters(String pattern) {
        ObjectNode params = NODES.objectNode();
        int q = pattern.indexOf('?');
        if (q < 0) {
            return params;
        }
        for (String pair : pattern.substring(q + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (eq < 0) {
                params.putNull(name);
            } else {
                params.put(name, decode(pair.substring(eq + 1)));
            }
        }
        return params;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    /** "/" routes everything and adds nothing; "/v1" is prefixed as is (paths are stored without a trailing "/"). */
    static String prefix(String path) {
        return "/".equals(path) ? "" : path;
    }

    /** The path as a literal inside a regular expression: path characters such as "." or "+" match themselves. */
    private static String quote(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (REGEX_META.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static List<MappingRule> inPositionOrder(List<MappingRule> rules) {
        return rules.stream()
                .sorted(Comparator.comparingInt(MappingRule::position).thenComparingLong(MappingRule::id))
                .toList();
    }
}
