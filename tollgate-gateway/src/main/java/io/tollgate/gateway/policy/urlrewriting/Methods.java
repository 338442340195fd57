package io.tollgate.gateway.policy.urlrewriting;

import io.tollgate.gateway.config.JsonFields;
import java.util.List;
import java.util.Set;

/** A command's {@code methods}: the request methods it applies to (none listed: all). */
final class Methods {
    private static final List<String> KNOWN = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private final Set<String> methods;

    private Methods(Set<String> methods) {
        this.methods = methods;
    }

    static Methods parse(JsonFields f) {
        List<String> listed = f.strings("methods");
        for (int i = 0; i < listed.size(); i++) {
            if (!KNOWN.contains(listed.get(i))) {
                throw f.fail("methods[" + i + "]", "\"" + listed.get(i) + "\" (expected: one of "
                        + String.join(", ", KNOWN) + ")");
            }
        }
        return new Methods(Set.copyOf(listed));
    }

    boolean applies(String method) {
        return methods.isEmpty() || methods.contains(method);
    }
}
