package io.tollgate.gateway.policy.headers;

import io.tollgate.gateway.config.JsonFields;
import io.tollgate.gateway.pipeline.Exchange;
import io.tollgate.gateway.template.TemplatedValue;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One header operation, with APIcast's semantics: {@code set} replaces the header (an empty value
 * deletes it), {@code push} adds a value (creating the header), {@code add} adds a value only when
 * the header is already there, {@code delete} removes it. An empty or absent value makes push and add
 * do nothing.
 *
 * @param op the operation
 * @param header the header name
 * @param value the value (null for delete, or when absent)
 */
record HeaderCommand(Op op, String header, TemplatedValue value) {

    /** The operations. */
    enum Op { SET, ADD, PUSH, DELETE }

    /** Headers that carry the message framing: a policy changing them would desynchronize client, gateway and upstream. */
    private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection", "upgrade");

    static HeaderCommand parse(JsonFields f) {
        f.requiredString("op");
        Op op = Op.valueOf(f.oneOf("op", "", List.of("set", "add", "push", "delete")).toUpperCase(Locale.ROOT));
        String header = f.requiredString("header").trim();
        if (!header.chars().allMatch(HeaderCommand::isTokenChar)) {
            throw f.fail("header", "\"" + header + "\" (expected: a header name)");
        }
        if (FRAMING.contains(header.toLowerCase(Locale.ROOT))) {
            throw f.fail("header", "\"" + header + "\" (expected: a header other than Content-Length,"
                    + " Transfer-Encoding, Connection and Upgrade, which the gateway manages)");
        }
        TemplatedValue value = op == Op.DELETE ? null : TemplatedValue.read(f, "value", "value_type", null);
        return new HeaderCommand(op, header, value);
    }

    /** Applies the command to {@code headers}, rendering the value for {@code exchange}. */
    void apply(MultiMap headers, Exchange exchange) {
        if (op == Op.DELETE) {
            headers.remove(header);
            return;
        }
        String v = value == null ? "" : value.render(exchange);
        switch (op) {
            case SET -> {
                if (v.isEmpty()) {
                    headers.remove(header);
                } else {
                    headers.set(header, clean(v));
                }
            }
            case PUSH -> {
                if (!v.isEmpty()) {
                    headers.add(header, clean(v));
                }
            }
            case ADD -> {
                if (!v.isEmpty() && headers.contains(header)) {
                    headers.add(header, clean(v));
                }
            }
            default -> throw new IllegalStateException(op.toString());
        }
    }

    /** A rendered value must not split the header block: CR and LF (from a request's own data) become spaces. */
    static String clean(String v) {
        if (v.indexOf('\r') < 0 && v.indexOf('\n') < 0 && v.indexOf('\0') < 0) {
            return v;
        }
        return v.replace('\r', ' ').replace('\n', ' ').replace('\0', ' ');
    }

    private static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
}
