package io.tollgate.gateway.mapping;

import io.tollgate.gateway.config.ConfigException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
    /** The characters a {@code {var}} matches: {@code [\w\-.~%!$&'()*+,;=@:]}, ASCII only. */
    private static final boolean[] VAR_CHARS = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            VAR_CHARS[c] = Character.isLetterOrDigit(c) || "_-.~%!$&'()*+,;=@:".indexOf(c) >= 0;
        }
    }

    private final String source;
    /**
     * The path part split at its variables: {@code literals[0] {var} literals[1] … {var} literals[n]};
     * a pattern without variables is one literal. No regex: 10,000 products of ten rules would hold
     * 100,000 compiled {@link java.util.regex.Pattern}s (tens of MiB).
     */
    private final String[] literals;
    /** {@code minRun[i]}: how many characters the variable(s) after {@code literals[i]} need (adjacent ones merge). */
    private final int[] minRun;
    private final boolean exact;
    private final List<QueryCondition> query;

    private RulePattern(String source, List<String> parts, boolean exact, List<QueryCondition> query) {
        this.source = source;
        // "{a}{b}" is one run of two or more characters: merged, no two variables are adjacent, and
        // the backtracking below cannot multiply over them.
        List<String> literals = new ArrayList<>(parts.size());
        List<Integer> runs = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0 && i < parts.size() - 1 && parts.get(i).isEmpty()) {
                runs.set(runs.size() - 1, runs.getLast() + 1);
                continue;
            }
            literals.add(parts.get(i));
            runs.add(1);
        }
        this.literals = literals.toArray(String[]::new);
        this.minRun = runs.stream().mapToInt(Integer::intValue).toArray();
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
        return new RulePattern(pattern, literals(pattern, path), exact, query);
    }

    private static List<String> literals(String pattern, String path) {
        List<String> parts = new ArrayList<>(2);
        int i = 0;
        while (true) {
            int open = path.indexOf('{', i);
            int close = path.indexOf('}', i);
            if (open < 0) {
                if (close >= 0) {
                    throw new ConfigException("\"" + pattern + "\" (expected: '}' only after '{name')");
                }
                parts.add(path.substring(i));
                return parts;
            }
            if (close >= 0 && close < open) {
                throw new ConfigException("\"" + pattern + "\" (expected: '}' only after '{name')");
            }
            if (close < 0) {
                throw new ConfigException("\"" + pattern + "\" (expected: '{name}' closed by '}')");
            }
            String name = path.substring(open + 1, close);
            if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
                throw new ConfigException("\"" + pattern + "\" (expected: variable names of letters, digits and _, got {"
                        + name + "})");
            }
            parts.add(path.substring(i, open));
            i = close + 1;
        }
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
        if (literals.length == 1) {
            return exact ? path.equals(literals[0]) : path.startsWith(literals[0]);
        }
        return literals.length == 2 ? matchesOneVariable(path) : matchesVariables(path);
    }

    /**
     * {@code literals[0] {var} literals[1]}: the variable takes the longest run of its characters
     * first and gives back what the last literal needs; a run never crosses a '/'.
     */
    private boolean matchesOneVariable(String path) {
        String first = literals[0];
        String last = literals[1];
        if (!path.startsWith(first)) {
            return false;
        }
        int from = first.length();
        int run = from;
        while (run < path.length() && isVarChar(path.charAt(run))) {
            run++;
        }
        for (int end = run; end >= from + minRun[0]; end--) {
            if (path.startsWith(last, end) && (!exact || end + last.length() == path.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Several variables, without backtracking: from the last literal back to the first, which
     * positions of the path the rest of the pattern matches from ({@code ok}), with a running count so
     * that "some end of this variable's run works" is one subtraction. Linear in the path length per
     * part, whatever the path: a hostile one cannot make matching exponential, as a regex could.
     */
    private boolean matchesVariables(String path) {
        int n = path.length();
        int[] runEnd = new int[n + 1];
        runEnd[n] = n;
        for (int p = n - 1; p >= 0; p--) {
            runEnd[p] = isVarChar(path.charAt(p)) ? runEnd[p + 1] : p;
        }
        int k = literals.length - 1;
        // okBefore[p]: how many positions q < p the parts from the current one on match from.
        int[] okBefore = new int[n + 2];
        String last = literals[k];
        for (int p = 0; p <= n; p++) {
            boolean ok = path.startsWith(last, p) && (!exact || p + last.length() == n);
            okBefore[p + 1] = okBefore[p] + (ok ? 1 : 0);
        }
        for (int part = k - 1; part >= 1; part--) {
            int[] current = new int[n + 2];
            for (int p = 0; p <= n; p++) {
                current[p + 1] = current[p] + (matchesPart(path, part, p, runEnd, okBefore) ? 1 : 0);
            }
            okBefore = current;
        }
        return matchesPart(path, 0, 0, runEnd, okBefore);
    }

    /** Whether {@code literals[part]}, its variable and (per {@code okNext}) the rest match from {@code at}. */
    private boolean matchesPart(String path, int part, int at, int[] runEnd, int[] okNext) {
        String literal = literals[part];
        if (!path.startsWith(literal, at)) {
            return false;
        }
        int from = at + literal.length();
        int lo = from + minRun[part];
        int hi = runEnd[from];
        return lo <= hi && okNext[hi + 1] - okNext[lo] > 0;
    }

    private static boolean isVarChar(char c) {
        return c < 128 && VAR_CHARS[c];
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
