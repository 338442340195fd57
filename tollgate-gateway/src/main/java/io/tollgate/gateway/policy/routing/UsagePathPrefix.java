package io.tollgate.gateway.policy.routing;

/**
 * The control plane writes one routing condition per backend usage:
 * {@code ^(<escaped path>/.*|<escaped path>/?)} (docs/proxy-config-content.md). Recognized, it is
 * tested as the prefix check it means — the path is the usage path, or continues after it with a
 * '/' — with no regular expression on the request path.
 */
final class UsagePathPrefix {
    private UsagePathPrefix() {
    }

    /** The usage path of a condition in the control plane's shape, or null for any other expression. */
    static String of(String regex) {
        if (!regex.startsWith("^(") || !regex.endsWith("/?)")) {
            return null;
        }
        String body = regex.substring(2, regex.length() - 3);
        int bar = body.indexOf("/.*|");
        if (bar < 0) {
            return null;
        }
        String first = body.substring(0, bar);
        String second = body.substring(bar + 4);
        if (!first.equals(second)) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < first.length(); i++) {
            char c = first.charAt(i);
            if (c == '\\') {
                if (i + 1 >= first.length()) {
                    return null;
                }
                path.append(first.charAt(++i));
            } else if ("^$.|?*+()[]{}".indexOf(c) >= 0) {
                return null; // unescaped regex syntax: not the plain shape
            } else {
                path.append(c);
            }
        }
        return path.toString();
    }

    /** Whether {@code path} is {@code prefix}, {@code prefix/}, or {@code prefix/…} ("" matches everything). */
    static boolean matches(String prefix, String path) {
        if (!path.startsWith(prefix)) {
            return false;
        }
        return path.length() == prefix.length() || path.charAt(prefix.length()) == '/';
    }
}
