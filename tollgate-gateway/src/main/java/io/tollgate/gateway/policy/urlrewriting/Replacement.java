package io.tollgate.gateway.policy.urlrewriting;

import io.tollgate.gateway.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The replacement text of a {@code sub}/{@code gsub} command in OpenResty's {@code ngx.re.sub}
 * syntax, compiled once: {@code $0} is the whole match, {@code $1}… or {@code ${1}} a group,
 * {@code $$} a literal dollar; every other character is literal (no backslash escapes, unlike
 * Java's {@link Matcher#appendReplacement}).
 */
final class Replacement {
    private final Object[] parts; // String literals and Integer group numbers

    private Replacement(Object[] parts) {
        this.parts = parts;
    }

    /**
     * @param groups how many groups the regular expression has
     * @throws ConfigException saying what is wrong
     */
    static Replacement compile(String text, int groups) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$') {
                literal.append(c);
                i++;
                continue;
            }
            if (i + 1 >= text.length()) {
                throw new ConfigException("\"" + text + "\" (expected: $ followed by a group number, {n} or $)");
            }
            char next = text.charAt(i + 1);
            int group;
            if (next == '$') {
                literal.append('$');
                i += 2;
                continue;
            } else if (next == '{') {
                int close = text.indexOf('}', i + 2);
                group = close < 0 ? -1 : number(text.substring(i + 2, close));
                i = close + 1;
            } else {
                int end = i + 1;
                while (end < text.length() && Character.isDigit(text.charAt(end))) {
                    end++;
                }
                group = number(text.substring(i + 1, end));
                i = end;
            }
            if (group < 0) {
                throw new ConfigException("\"" + text + "\" (expected: $ followed by a group number, {n} or $)");
            }
            if (group > groups) {
                throw new ConfigException("\"" + text + "\" refers to group " + group + " (expected: at most "
                        + groups + ", the groups of regex)");
            }
            if (!literal.isEmpty()) {
                parts.add(literal.toString());
                literal.setLength(0);
            }
            parts.add(group);
        }
        if (!literal.isEmpty()) {
            parts.add(literal.toString());
        }
        return new Replacement(parts.toArray());
    }

    private static int number(String digits) {
        if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(digits);
    }

    /** Appends the replacement of the current match of {@code m} to {@code out}. */
    void appendTo(StringBuilder out, Matcher m) {
        for (Object part : parts) {
            if (part instanceof String s) {
                out.append(s);
            } else {
                String g = m.group((Integer) part);
                if (g != null) {
                    out.append(g);
                }
            }
        }
    }
}
