package io.tollgate.gateway.policy.urlrewriting;

import io.tollgate.gateway.config.JsonFields;
import io.tollgate.gateway.pipeline.Exchange;
import io.tollgate.gateway.template.TemplatedValue;
import java.util.List;

/**
 * One query-argument command: {@code set} (create or replace), {@code push} (create or add a value),
 * {@code add} (add a value only when the argument exists), {@code delete}; the value is plain or Liquid.
 */
record QueryArgCommand(String op, String arg, TemplatedValue value, Methods methods) {

    static QueryArgCommand parse(JsonFields f) {
        f.requiredString("op");
        String op = f.oneOf("op", "", List.of("add", "set", "push", "delete"));
        String arg = f.requiredString("arg");
        TemplatedValue value = TemplatedValue.read(f, "value", "value_type", null);
        if (value == null && !op.equals("delete")) {
            throw f.fail("value", "missing (expected: a string for " + op + ")");
        }
        return new QueryArgCommand(op, arg, value, Methods.parse(f));
    }

    void apply(QueryString query, Exchange ex) {
        switch (op) {
            case "set" -> query.set(arg, value.render(ex));
            case "push" -> query.push(arg, value.render(ex));
            case "add" -> query.add(arg, value.render(ex));
            default -> query.delete(arg);
        }
    }
}
