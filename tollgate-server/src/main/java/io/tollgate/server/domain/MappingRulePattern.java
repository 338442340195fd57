package io.tollgate.server.domain;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The grammar of a mapping-rule pattern, checked before a rule is stored so that the gateway never
 * has to guess what a pattern means (APIcast#1001: its patterns were half regex, half literal).
 *
 * <pre>
 * pattern  = path [ "$" ] [ "?" query ]          ; at most 255 characters
 * path     = "/" *( pchar / "/" / variable )     ; pchar of RFC 3986 §3.3, without "$"
 * query    = param *( "&amp;" param )
 * param    = key [ "=" ( variable / literal ) ]  ; a key is never a variable and never repeats
 * variable = "{" 1*( ALPHA / DIGIT / "_" ) "}"
 * </pre>
 *
 * A trailing {@code $} makes the path match exactly instead of as a prefix, which is why it may
 * appear only there. Percent escapes must be complete ({@code %2F}).
 */
public final class MappingRulePattern {
    public static final int MAX_LENGTH = 255;

    private static final Pattern VARIABLE = Pattern.compile("\\{[A-Za-z0-9_]+}");
    /** RFC 3986 unreserved and sub-delims plus ":" and "@", without "$" (reserved for the anchor). */
    private static final String PCHAR_SYMBOLS = "-._~!&'()*+,;=:@";

    private MappingRulePattern() {
    }

    /** Every problem with {@code pattern}, as messages for the {@code pattern} field; empty when valid. */
    public static List<String> problems(String pattern) {
        requireNonNull(pattern, "pattern");
        List<String> problems = new ArrayList<>();
        if (!pattern.startsWith("/")) {
            problems.add("must start with '/'");
            return problems;
        }
        if (pattern.length() > MAX_LENGTH) {
            problems.add("is too long (maximum is " + MAX_LENGTH + " characters)");
            return problems;
        }
        if (pattern.chars().anyMatch(Character::isWhitespace)) {
            problems.add("must not contain whitespace");
            return problems;
        }
        int question = pattern.indexOf('?');
        String path = question < 0 ? pattern : pattern.substring(0, question);
        if (path.endsWith("$")) {
            path = path.substring(0, path.length() - 1);
        }
        checkPath(path, problems);
        if (question >= 0) {
            checkQuery(pattern.substring(question + 1), problems);
        }
        return problems;
    }

    /** True when {@link #problems} finds none. */
    public static boolean isValid(String pattern) {
        return problems(pattern).isEmpty();
    }

    private static void checkPath(String path, List<String> problems) {
        if (path.indexOf('$') >= 0) {
            problems.add("may contain '$' only at the end of the path");
        }
        checkText(path, "/", true, "path", problems);
    }

    private static void checkQuery(String query, List<String> problems) {
        if (query.isEmpty()) {
            problems.add("must not end with an empty query string");
            return;
        }
        Set<String> keys = new HashSet<>();
        for (String param : query.split("&", -1)) {
            int eq = param.indexOf('=');
            String key = eq < 0 ? param : param.substring(0, eq);
            if (key.isEmpty()) {
                problems.add("has a query parameter without a name");
                continue;
            }
            if (key.indexOf('{') >= 0 || key.indexOf('}') >= 0) {
                problems.add("cannot use a variable as a query parameter name: " + key);
                continue;
            }
            checkText(key, "/?", false, "query parameter name", problems);
            if (!keys.add(key)) {
                problems.add("has a repeated query parameter: " + key);
            }
            if (eq >= 0) {
                checkValue(key, param.substring(eq + 1), problems);
            }
        }
    }

    /** A value is either one whole variable or a literal without braces; "a{b}" means neither. */
    private static void checkValue(String key, String value, List<String> problems) {
        boolean braces = value.indexOf('{') >= 0 || value.indexOf('}') >= 0;
        if (!braces) {
            checkText(value, "/?", false, "query value", problems);
        } else if (!VARIABLE.matcher(value).matches()) {
            problems.add(balanced(value) ? "query value of " + key + " must be a literal or a single {variable}"
                    : "has unbalanced braces");
        }
    }

    /**
     * Checks characters, percent escapes and (when allowed) {name} variables of one part.
     * {@code extra} are the characters this part allows beyond pchar.
     */
    private static void checkText(String text, String extra, boolean variables, String part, List<String> problems) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{' && variables) {
                int close = text.indexOf('}', i);
                int nextOpen = text.indexOf('{', i + 1);
                if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
                    problems.add("has unbalanced braces");
                    return;
                }
                String variable = text.substring(i, close + 1);
                if (!VARIABLE.matcher(variable).matches()) {
                    problems.add("has an invalid variable " + variable + " (expected: {name} with letters, digits, _)");
                    return;
                }
                i = close + 1;
            } else if (c == '}' && variables) {
                problems.add("has unbalanced braces");
                return;
            } else if (c == '%') {
                if (!isHex(text, i + 1) || !isHex(text, i + 2)) {
                    problems.add("has an incomplete percent escape in the " + part);
                    return;
                }
                i += 3;
            } else if (isPchar(c) || extra.indexOf(c) >= 0) {
                i++;
            } else {
                problems.add("has a character not allowed in the " + part + ": '" + c + "'");
                return;
            }
        }
    }

    /** Every "{" closed by a "}" before the next "{" opens. */
    private static boolean balanced(String text) {
        int depth = 0;
        for (char c : text.toCharArray()) {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth < 0 || depth > 1) {
                return false;
            }
        }
        return depth == 0;
    }

    private static boolean isHex(String text, int index) {
        return index < text.length() && Character.digit(text.charAt(index), 16) >= 0;
    }

    private static boolean isPchar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || PCHAR_SYMBOLS.indexOf(c) >= 0;
    }
}
