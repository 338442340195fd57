package io.tollgate.gateway.policy.urlrewriting;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A query string being edited by {@code query_args_commands}: the arguments in their order, each kept
 * exactly as the client encoded it unless a command touched it. Names are compared decoded.
 */
final class QueryString {
    private final List<String[]> args = new ArrayList<>(); // {decoded name, raw "name=value" text}

    private QueryString() {
    }

    static QueryString parse(String query) {
        QueryString q = new QueryString();
        if (query == null || query.isEmpty()) {
            return q;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            q.args.add(new String[] {decode(eq < 0 ? pair : pair.substring(0, eq)), pair});
        }
        return q;
    }

    /** Replaces every value of {@code name} with {@code value} (at the first one's place), or appends it. */
    void set(String name, String value) {
        int first = -1;
        for (int i = args.size() - 1; i >= 0; i--) {
            if (args.get(i)[0].equals(name)) {
                if (first >= 0) {
                    args.remove(first);
                }
                first = i;
            }
        }
        String[] arg = {name, encode(name) + "=" + encode(value)};
        if (first < 0) {
            args.add(arg);
        } else {
            args.set(first, arg);
        }
    }

    /** Adds a value of {@code name}, creating the argument when it is absent. */
    void push(String name, String value) {
        args.add(new String[] {name, encode(name) + "=" + encode(value)});
    }

    /** Adds a value of {@code name} only when the argument is already there. */
    void add(String name, String value) {
        if (has(name)) {
            push(name, value);
        }
    }

    void delete(String name) {
        args.removeIf(a -> a[0].equals(name));
    }

    boolean has(String name) {
        for (String[] a : args) {
            if (a[0].equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The query string, or null when no argument is left. */
    String text() {
        if (args.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String[] a : args) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(a[1]);
        }
        return sb.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
