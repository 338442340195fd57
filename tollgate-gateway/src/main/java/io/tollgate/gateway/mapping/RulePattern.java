package io.tollgate.gateway.mapping;

import io.tollgate.gateway.config.ConfigException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A mapping-rule pattern compiled once per configuration image:
 * {@code /path/{var}/more[$][?name=value&name2={var}]}.
 *
 * <p>The grammar is 3scale's, made precise (APIcast left {@code + ( ) *} as live regex, APIcast#1001):
 * every character of the path part is literal except {@code {name}}, which matches one or more of
 * {@code [\w\-.~%!$&'()*+,;=@:]} (never a '/'), and a final {@code $}, which makes the match exact;
 * without it the pattern matches any path that <em>starts with</em> it ({@code /pets} matches
 * {@code /pets/1} and {@code /petshop}, as in 3scale). {@code //} counts as {@code /}. The query part
 * lists parameters: a literal value must equal the request's value (the last one when repeated), a
 * {@code {var}} value only requires the parameter.
 */
public final class RulePattern {
    private static final String VAR_CHARS = "[\\w\\-.~%!$&'()*+,;=@:]+";

    private final String source;
    private final String literal;
    private final Pattern regex;
    private final boolean exact;
    private final List<QueryCondition> query;

    private RulePattern(String source, String literal, Pattern regex, boolean exact, List<QueryCondition> query) {
        this.source = source;
        this.literal = literal;
        this.regex = regex;
        this.exact = exact;
        this.query = query;
    }

    /**
     * One required query parameter.
     *
     * @param name the decoded name
     * @param value the decoded literal value, or null when any value will do ({@code {var}})
     */
    public record QueryCondition(String name, String value) {
    }

    /**
     * @throws ConfigException saying what is wrong with the pattern
     */
    public static RulePattern compile(String pattern) {
        if (pattern.isEmpty() || pattern.charAt(0) != '/') {
            throw new ConfigException("\"" + pattern + "\" (expected: a pattern starting with /)");
        }
        int q = pattern.indexOf('?');
        String path = q < 0 ? pattern : pattern.substring(0, q);
        List<QueryCondition> query = q < 0 ? List.of() : query(pattern, pattern.substring(q + 1));
        while (path.contains("//")) {
            path = path.replace("//", "/");
        }
        boolean exact = path.endsWith("$");
        if (exact) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.indexOf('{') < 0 && path.indexOf('}') < 0) {
            return new RulePattern(pattern, path, null, exact, query);
        }
        return new RulePattern(pattern, null, Pattern.compile(regex(pattern, path)), exact, query);
    }

    private static String regex(String pattern, String path) {
        StringBuilder re = new StringBuilder("^");
        int i = 0;
        while (i < path.length()) {
            int open = path.indexOf('{', i);
            int close = path.indexOf('}', i);
            if (open < 0) {
                if (close >= 0) {
                    throw new ConfigException("\"" + pattern + "\" (expected: '}' only after '{name')");
                }
                re.append(Pattern.quote(path.substring(i)));
                break;
            }
            if (close >= 0 && close < open) {
                throw new ConfigException("\"" + pattern + "\" (expected: '}' only after '{name')");
            }
            if (open > i) {
                re.append(Pattern.quote(path.substring(i, open)));
            }
            int end = path.indexOf('}', open);
            if (end < 0) {
                throw new ConfigException("\"" + pattern + "\" (expected: '{name}' closed by '}')");
            }
            String name = path.substring(open + 1, end);
            if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
                throw new ConfigException("\"" + pattern + "\" (expected: variable names of letters, digits and _, got {"
                        + name + "})");
            }
            re.append(VAR_CHARS);
            i = end + 1;
        }
        return re.toString();
    }

    private static List<QueryCondition> query(String pattern, String text) {
        List<QueryCondition> conditions = new ArrayList<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? null : decode(pair.substring(eq + 1));
            if (name.startsWith("{")) {
                throw new ConfigException("\"" + pattern + "\" (expected: no variable as a query parameter name)");
            }
            boolean any = value == null || (value.startsWith("{") && value.endsWith("}") && value.length() > 2);
            conditions.removeIf(c -> c.name().equals(name));
            conditions.add(new QueryCondition(name, any ? null : value));
        }
        return List.copyOf(conditions);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** The pattern as configured (what the debug header lists). */
    public String source() {
        return source;
    }

    /** Whether the pattern has query conditions (the request's args are needed to match it). */
    public boolean hasQuery() {
        return !query.isEmpty();
    }

    /** Whether {@code path} (normalized, percent-encoded, no query) matches the path part. */
    public boolean matchesPath(String path) {
        if (literal != null) {
            return exact ? path.equals(literal) : path.startsWith(literal);
        }
        var m = regex.matcher(path);
        return exact ? m.matches() : m.lookingAt();
    }

    /** Whether the request's arguments satisfy the query part. */
    public boolean matchesQuery(Args args) {
        for (QueryCondition c : query) {
            String actual = args.last(c.name());
            if (actual == null || (c.value() != null && !c.value().equals(actual))) {
                return false;
            }
        }
        return true;
    }

    /** The request arguments a query condition reads: decoded name → last decoded value. */
    @FunctionalInterface
    public interface Args {
        /** The last value of {@code name}, "" for a name without value, or null when absent. */
        String last(String name);
    }

    @Override
    public String toString() {
        return source;
    }
}
