package io.tollgate.gateway.template;

import io.tollgate.gateway.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Liquid template of the subset 3scale configurations use, compiled once per image: literal text
 * and output tags {@code {{ variable | filter: 'arg' | … }}}. Variables are names with dots or
 * brackets ({@code uri}, {@code headers['X-Api']}, {@code service.id}) resolved by {@link Vars};
 * filters are {@code remove_first, remove, replace_first, replace, append, prepend, downcase,
 * upcase, strip, default}. Tags ({@code {% … %}}) are refused when the configuration loads: they
 * would be logic the gateway does not run.
 */
public final class Template {
    private final String source;
    private final List<Part> parts;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /** What variables resolve to during one request. */
    @FunctionalInterface
    public interface Vars {
        /** The value of {@code name} ({@code uri}, {@code headers.X-Api} …), or null when it has none. */
        String get(String name);
    }

    private sealed interface Part permits Text, Output {
    }

    private record Text(String text) implements Part {
    }

    private record Output(String variable, List<Filter> filters) implements Part {
    }

    private record Filter(String name, List<String> args) {
    }

    /**
     * @throws ConfigException saying what is wrong with the template
     */
    public static Template compile(String source) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            int open = source.indexOf("{{", i);
            int tag = source.indexOf("{%", i);
            if (tag >= 0 && (open < 0 || tag < open)) {
                throw new ConfigException(quote(source) + " (expected: only {{ output }} tags; {% … %} is not supported)");
            }
            if (open < 0) {
                parts.add(new Text(source.substring(i)));
                break;
            }
            if (open > i) {
                parts.add(new Text(source.substring(i, open)));
            }
            int close = source.indexOf("}}", open + 2);
            if (close < 0) {
                throw new ConfigException(quote(source) + " (expected: {{ closed by }})");
            }
            parts.add(output(source, source.substring(open + 2, close)));
            i = close + 2;
        }
        return new Template(source, List.copyOf(parts));
    }

    /** Whether the text has output tags at all (a plain value needs no rendering). */
    public static boolean isTemplate(String text) {
        return text.contains("{{") || text.contains("{%");
    }

    private static Output output(String source, String body) {
        List<String> pieces = splitPipes(body);
        String variable = pieces.get(0).trim();
        if (variable.isEmpty() || !variable.matches("[A-Za-z_][\\w.\\-]*(\\[['\"][^'\"]+['\"]])*[\\w.\\-]*")) {
            throw new ConfigException(quote(source) + " (expected: a variable name, got \"" + variable + "\")");
        }
        List<Filter> filters = new ArrayList<>();
        for (String piece : pieces.subList(1, pieces.size())) {
            filters.add(filter(source, piece.trim()));
        }
        return new Output(normalizeVariable(variable), List.copyOf(filters));
    }

    private static List<String> splitPipes(String body) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (char c : body.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                cur.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                cur.append(c);
            } else if (c == '|') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static Filter filter(String source, String text) {
        int colon = text.indexOf(':');
        String name = (colon < 0 ? text : text.substring(0, colon)).trim();
        List<String> args = colon < 0 ? List.of() : arguments(source, text.substring(colon + 1));
        int expected = switch (name) {
            case "downcase", "upcase", "strip" -> 0;
            case "remove_first", "remove", "append", "prepend", "default" -> 1;
            case "replace", "replace_first" -> 2;
            default -> throw new ConfigException(quote(source) + " (expected: a filter among remove_first, remove,"
                    + " replace_first, replace, append, prepend, downcase, upcase, strip, default; got \"" + name + "\")");
        };
        if (args.size() != expected) {
            throw new ConfigException(quote(source) + " (expected: " + expected + " argument(s) for " + name + ")");
        }
        return new Filter(name, args);
    }

    private static List<String> arguments(String source, String text) {
        List<String> args = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == ',') {
                i++;
                continue;
            }
            if (c != '\'' && c != '"') {
                throw new ConfigException(quote(source) + " (expected: quoted filter arguments)");
            }
            int end = text.indexOf(c, i + 1);
            if (end < 0) {
                throw new ConfigException(quote(source) + " (expected: a closing quote)");
            }
            args.add(text.substring(i + 1, end));
            i = end + 1;
        }
        return args;
    }

    /** {@code headers['X-Api']} and {@code headers["X-Api"]} → {@code headers.X-Api}. */
    private static String normalizeVariable(String v) {
        return v.replaceAll("\\[['\"]([^'\"]+)['\"]]", ".$1");
    }

    /** The text, with every output tag replaced by its value (absent values render as ""). */
    public String render(Vars vars) {
        if (parts.size() == 1 && parts.get(0) instanceof Text t) {
            return t.text();
        }
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Text t) {
                out.append(t.text());
            } else if (p instanceof Output o) {
                out.append(apply(o, vars.get(o.variable())));
            }
        }
        return out.toString();
    }

    private static String apply(Output o, String value) {
        String v = value;
        for (Filter f : o.filters()) {
            String s = v == null ? "" : v;
            v = switch (f.name()) {
                case "remove_first" -> replaceFirst(s, f.args().get(0), "");
                case "remove" -> s.replace(f.args().get(0), "");
                case "replace_first" -> replaceFirst(s, f.args().get(0), f.args().get(1));
                case "replace" -> s.replace(f.args().get(0), f.args().get(1));
                case "append" -> s + f.args().get(0);
                case "prepend" -> f.args().get(0) + s;
                case "downcase" -> s.toLowerCase(Locale.ROOT);
                case "upcase" -> s.toUpperCase(Locale.ROOT);
                case "strip" -> s.strip();
                case "default" -> v == null || v.isEmpty() ? f.args().get(0) : v;
                default -> throw new IllegalStateException(f.name());
            };
        }
        return v == null ? "" : v;
    }

    private static String replaceFirst(String s, String target, String replacement) {
        int at = s.indexOf(target);
        return at < 0 || target.isEmpty() ? s : s.substring(0, at) + replacement + s.substring(at + target.length());
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    @Override
    public String toString() {
        return source;
    }
}
