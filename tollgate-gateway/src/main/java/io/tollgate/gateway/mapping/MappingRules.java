package io.tollgate.gateway.mapping;

import io.tollgate.gateway.config.ConfigException;
import io.tollgate.gateway.config.ProductConfig.ProxyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A product's mapping rules, compiled once per image and evaluated in order: every rule whose method
 * and pattern match adds its delta to its metric (several rules on one metric add up); a matching
 * {@code last} rule stops the evaluation (threescale-wire.md §3).
 */
public final class MappingRules {
    private final Rule[] rules;
    private final boolean queryRules;

    private MappingRules(Rule[] rules) {
        this.rules = rules;
        boolean any = false;
        for (Rule r : rules) {
            any |= r.pattern().hasQuery();
        }
        this.queryRules = any;
    }

    /** A compiled rule. */
    record Rule(String method, RulePattern pattern, String metric, long delta, boolean last) {
        boolean matches(String requestMethod, String path, Supplier<RulePattern.Args> args) {
            return (method.equals(requestMethod) || method.equals("ANY")) && pattern.matchesPath(path)
                    && (!pattern.hasQuery() || pattern.matchesQuery(args.get()));
        }
    }

    /**
     * @throws ConfigException naming the rule ({@code proxy_rules[i].pattern: …})
     */
    public static MappingRules compile(List<ProxyRule> rules) {
        Rule[] compiled = new Rule[rules.size()];
        for (int i = 0; i < compiled.length; i++) {
            ProxyRule r = rules.get(i);
            try {
                compiled[i] = new Rule(r.httpMethod(), RulePattern.compile(r.pattern()), r.metric(), r.delta(),
                        r.last());
            } catch (ConfigException e) {
                throw e.at("proxy_rules[" + i + "].pattern");
            }
        }
        return new MappingRules(compiled);
    }

    /** Whether some rule has query-string conditions (a form body's fields may then matter). */
    public boolean hasQueryRules() {
        return queryRules;
    }

    /** How many rules there are. */
    public int size() {
        return rules.length;
    }

    /**
     * Evaluates the rules for one request.
     *
     * @param method the request method
     * @param path the normalized, percent-encoded path without query
     * @param args the request's arguments, asked for only when a rule with query conditions is reached
     * @param into where the usage and the matched patterns go
     * @return whether any rule matched
     */
    public boolean match(String method, String path, Supplier<RulePattern.Args> args, Usage into) {
        boolean matched = false;
        for (Rule rule : rules) {
            if (rule.matches(method, path, args)) {
                matched = true;
                into.add(rule.metric(), rule.delta(), rule.pattern());
                if (rule.last()) {
                    break;
                }
            }
        }
        return matched;
    }

    /** The usage a request adds up to, and the rules it matched (for the debug header). */
    public static final class Usage {
        private final List<String> metrics = new ArrayList<>(2);
        private final List<Long> deltas = new ArrayList<>(2);
        private List<RulePattern> matched;

        /** Adds {@code delta} to {@code metric}. */
        public void add(String metric, long delta) {
            int i = metrics.indexOf(metric);
            if (i < 0) {
                metrics.add(metric);
                deltas.add(delta);
            } else {
                deltas.set(i, Math.addExact(deltas.get(i), delta));
            }
        }

        void add(String metric, long delta, RulePattern rule) {
            add(metric, delta);
            if (matched == null) {
                matched = new ArrayList<>(2);
            }
            matched.add(rule);
        }

        public boolean isEmpty() {
            return metrics.isEmpty();
        }

        /** Metric name → units, in the order the metrics were first counted. */
        public java.util.Map<String, Long> asMap() {
            java.util.Map<String, Long> map = new java.util.LinkedHashMap<>(metrics.size() * 2);
            for (int i = 0; i < metrics.size(); i++) {
                map.put(metrics.get(i), deltas.get(i));
            }
            return map;
        }

        /** The patterns of the matched rules, in match order. */
        public List<String> matchedPatterns() {
            if (matched == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>(matched.size());
            matched.forEach(r -> out.add(r.source()));
            return out;
        }

        /** {@code usage%5Bhits%5D=1&usage%5Bm%5D=2}, as the debug header shows it. */
        public String toQueryString() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < metrics.size(); i++) {
                if (i > 0) {
                    sb.append('&');
                }
                sb.append("usage%5B").append(java.net.URLEncoder.encode(metrics.get(i),
                        java.nio.charset.StandardCharsets.UTF_8)).append("%5D=").append(deltas.get(i));
            }
            return sb.toString();
        }
    }
}
