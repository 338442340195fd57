package io.tollgate.gateway.http;

import io.tollgate.gateway.mapping.RulePattern;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Request arguments (a query string or a form-encoded body): decoded name → the last decoded value,
 * as APIcast reads them for credentials and query-string rules. A name without {@code =} has the
 * value "". Malformed escapes are kept as they are rather than refused: arguments are data here,
 * the upstream judges them.
 */
public final class QueryArgs implements RulePattern.Args {
    private static final QueryArgs EMPTY = new QueryArgs(Map.of());
    private final Map<String, String> last;

    private QueryArgs(Map<String, String> last) {
        this.last = last;
    }

    /** The arguments of {@code text} ({@code a=1&b=2}), or none for null/empty. */
    public static QueryArgs parse(String text) {
        if (text == null || text.isEmpty()) {
            return EMPTY;
        }
        Map<String, String> last = new HashMap<>();
        int start = 0;
        while (start <= text.length()) {
            int amp = text.indexOf('&', start);
            int end = amp < 0 ? text.length() : amp;
            if (end > start) {
                int eq = text.indexOf('=', start);
                if (eq < 0 || eq > end) {
                    last.put(decode(text.substring(start, end)), "");
                } else {
                    last.put(decode(text.substring(start, eq)), decode(text.substring(eq + 1, end)));
                }
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return new QueryArgs(last);
    }

    /** These arguments with {@code later}'s on top (a form body after the query string). */
    public QueryArgs with(QueryArgs later) {
        if (later.last.isEmpty()) {
            return this;
        }
        if (last.isEmpty()) {
            return later;
        }
        Map<String, String> merged = new HashMap<>(last);
        merged.putAll(later.last);
        return new QueryArgs(merged);
    }

    @Override
    public String last(String name) {
        return last.get(name);
    }

    public boolean isEmpty() {
        return last.isEmpty();
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
