package io.tollgate.gateway.policy.routing;

import io.tollgate.gateway.config.ConfigException;
import io.tollgate.gateway.config.JsonFields;
import io.tollgate.gateway.pipeline.Exchange;
import io.tollgate.gateway.template.ExchangeVars;
import io.tollgate.gateway.template.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A routing rule's condition: operations combined with {@code and} (default) or {@code or}. An
 * operation compares a value of the request ({@code path}, a {@code header}, a {@code query_arg},
 * or a {@code liquid} template) with {@code ==}, {@code !=} or {@code matches} (a regular
 * expression found anywhere in the value, as APIcast's {@code ngx.re.match}). No operations: always true.
 */
final class Condition {
    private final boolean any;
    private final List<Operation> operations;

    private Condition(boolean any, List<Operation> operations) {
        this.any = any;
        this.operations = operations;
    }

    static Condition parse(JsonFields condition) {
        boolean any = condition.oneOf("combine_op", "and", List.of("and", "or")).equals("or");
        List<Operation> operations = new ArrayList<>();
        for (JsonFields op : condition.objects("operations")) {
            operations.add(Operation.parse(op));
        }
        return new Condition(any, List.copyOf(operations));
    }

    boolean test(Exchange ex) {
        if (operations.isEmpty()) {
            return true;
        }
        for (Operation op : operations) {
            boolean ok = op.test(ex);
            if (any && ok) {
                return true;
            }
            if (!any && !ok) {
                return false;
            }
        }
        return !any;
    }

    /** One comparison. */
    private record Operation(String match, String name, Template left, String op, String value, Template valueTemplate,
            Pattern regex, String prefix) {

        static Operation parse(JsonFields f) {
            String match = f.oneOf("match", "path", List.of("path", "header", "query_arg", "liquid"));
            String op = f.oneOf("op", "==", List.of("==", "!=", "matches"));
            String name = switch (match) {
                case "header" -> f.requiredString("header_name");
                case "query_arg" -> f.requiredString("query_arg_name");
                default -> null;
            };
            Template left = null;
            if (match.equals("liquid")) {
                left = compile(f, "liquid_value", f.requiredString("liquid_value"));
            }
            String value = f.string("value", "");
            boolean liquidValue = f.oneOf("value_type", "plain", List.of("plain", "liquid")).equals("liquid");
            Template valueTemplate = liquidValue ? compile(f, "value", value) : null;
            Pattern regex = null;
            String prefix = null;
            if (op.equals("matches") && !liquidValue) {
                prefix = match.equals("path") ? UsagePathPrefix.of(value) : null;
                try {
                    regex = Pattern.compile(value);
                } catch (PatternSyntaxException e) {
                    throw f.fail("value", "\"" + value + "\" (expected: a regular expression: " + e.getDescription() + ")");
                }
            }
            return new Operation(match, name, left, op, value, valueTemplate, regex, prefix);
        }

        private static Template compile(JsonFields f, String field, String text) {
            try {
                return Template.compile(text);
            } catch (ConfigException e) {
                throw e.at(f.path(field));
            }
        }

        boolean test(Exchange ex) {
            String actual = switch (match) {
                case "path" -> ex.path();
                case "header" -> ex.header(name);
                case "query_arg" -> ex.args().last(name);
                default -> left.render(new ExchangeVars(ex));
            };
            if (op.equals("matches")) {
                if (actual == null) {
                    return false;
                }
                if (prefix != null) {
                    return UsagePathPrefix.matches(prefix, actual);
                }
                Pattern p = regex != null ? regex : Pattern.compile(valueTemplate.render(new ExchangeVars(ex)));
                return p.matcher(actual).find();
            }
            String expected = valueTemplate != null ? valueTemplate.render(new ExchangeVars(ex)) : value;
            boolean equal = expected.equals(actual == null ? "" : actual);
            return op.equals("==") == equal;
        }
    }
}
