package io.tollgate.gateway.policy.urlrewriting;

import io.tollgate.gateway.config.ConfigException;
import io.tollgate.gateway.config.JsonFields;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One path rewrite: {@code sub} replaces the first match of {@code regex} in the path, {@code gsub}
 * every match, with {@code replace}; {@code options} are OpenResty's regex flags ({@code i}, {@code m},
 * {@code s}, {@code x}, {@code u}, {@code U}, {@code a} anchored; {@code o}, {@code j}, {@code J},
 * {@code D} are accepted and change nothing here). {@code break}: when this command changed the path,
 * no later command runs.
 */
record RewriteCommand(boolean global, Pattern regex, boolean anchored, Replacement replace, boolean stop,
        Methods methods) {

    static RewriteCommand parse(JsonFields f) {
        f.requiredString("op");
        boolean global = f.oneOf("op", "", List.of("sub", "gsub")).equals("gsub");
        String regex = f.requiredString("regex");
        String options = f.string("options", "");
        int flags = 0;
        boolean anchored = false;
        for (char c : options.toCharArray()) {
            switch (c) {
                case 'i' -> flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'm' -> flags |= Pattern.MULTILINE;
                case 's' -> flags |= Pattern.DOTALL;
                case 'x' -> flags |= Pattern.COMMENTS;
                case 'u', 'U' -> flags |= Pattern.UNICODE_CHARACTER_CLASS;
                case 'a' -> anchored = true;
                case 'o', 'j', 'J', 'D' -> { } // compile-once, JIT, JS compatibility, duplicate names
                default -> throw f.fail("options", "\"" + options + "\" has '" + c
                        + "' (expected: letters among a, i, m, s, x, u, U, o, j, J, D)");
            }
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex, flags);
        } catch (PatternSyntaxException e) {
            throw f.fail("regex", "\"" + regex + "\" (expected: a regular expression: " + e.getDescription() + ")");
        }
        if (!f.has("replace")) {
            throw f.fail("replace", "missing (expected: a string)");
        }
        Replacement replace;
        try {
            replace = Replacement.compile(f.string("replace", ""), pattern.matcher("").groupCount());
        } catch (ConfigException e) {
            throw e.at(f.path("replace"));
        }
        return new RewriteCommand(global, pattern, anchored, replace, f.bool("break", false), Methods.parse(f));
    }

    /** The rewritten path, or null when the regex does not match. */
    String apply(String path) {
        Matcher m = regex.matcher(path);
        boolean found = anchored ? m.lookingAt() : m.find();
        if (!found) {
            return null;
        }
        StringBuilder out = new StringBuilder(path.length() + 16);
        int last = 0;
        do {
            out.append(path, last, m.start());
            replace.appendTo(out, m);
            last = m.end();
        } while (global && !anchored && m.find()); // find() steps past an empty match by itself
        out.append(path, last, path.length());
        return out.toString();
    }
}
