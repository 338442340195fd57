package io.tollgate.gateway.policy.ratelimit;

import io.tollgate.gateway.config.JsonFields;
import io.tollgate.gateway.pipeline.Exchange;
import io.tollgate.gateway.template.TemplatedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * When a limiter applies (APIcast's condition): {@code operations} of {@code left op right}, each side
 * plain or Liquid, with {@code ==}, {@code !=} or {@code matches} (a regular expression found in the
 * left side), combined with {@code and} (default) or {@code or}. No operations: always.
 */
final class LimiterCondition {
    private static final LimiterCondition ALWAYS = new LimiterCondition(false, List.of());
    private final boolean any;
    private final List<Operation> operations;

    private LimiterCondition(boolean any, List<Operation> operations) {
        this.any = any;
        this.operations = operations;
    }

    private record Operation(TemplatedValue left, String op, TemplatedValue right, Pattern regex) {
        boolean test(Exchange ex) {
            String l = left.render(ex);
            return switch (op) {
                case "==" -> l.equals(right.render(ex));
                case "!=" -> !l.equals(right.render(ex));
                default -> (regex != null ? regex : Pattern.compile(right.render(ex))).matcher(l).find();
            };
        }
    }

    static LimiterCondition parse(JsonFields condition) {
        boolean any = condition.oneOf("combine_op", "and", List.of("and", "or")).equals("or");
        List<Operation> operations = new ArrayList<>();
        for (JsonFields f : condition.objects("operations")) {
            TemplatedValue left = TemplatedValue.read(f, "left", "left_type", null);
            if (left == null) {
                throw f.fail("left", "missing (expected: a string)");
            }
            f.requiredString("op");
            String op = f.oneOf("op", "", List.of("==", "!=", "matches"));
            TemplatedValue right = TemplatedValue.read(f, "right", "right_type", null);
            if (right == null) {
                throw f.fail("right", "missing (expected: a string)");
            }
            Pattern regex = null;
            if (op.equals("matches") && !right.isLiquid()) {
                try {
                    regex = Pattern.compile(right.plainText());
                } catch (PatternSyntaxException e) {
                    throw f.fail("right", "\"" + right.plainText() + "\" (expected: a regular expression: "
                            + e.getDescription() + ")");
                }
            }
            operations.add(new Operation(left, op, right, regex));
        }
        return operations.isEmpty() ? ALWAYS : new LimiterCondition(any, List.copyOf(operations));
    }

    boolean test(Exchange ex) {
        if (operations.isEmpty()) {
            return true;
        }
        for (Operation op : operations) {
            boolean ok;
            try {
                ok = op.test(ex);
            } catch (PatternSyntaxException e) {
                ok = false; // a Liquid-rendered expression that is not one matches nothing
            }
            if (ok == any) {
                return any;
            }
        }
        return !any;
    }
}
