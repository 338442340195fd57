package io.tollgate.gateway.local;

import java.util.List;

/**
 * One policy applied to an API instance: a {@code PolicyBinding}, or an entry of the instance's
 * {@code spec.policies}.
 *
 * @param at the binding's spec ({@code spec} of a PolicyBinding, {@code spec.policies[2]} of an instance)
 * @param policy {@code policyRef.name}
 * @param order {@code order} (default 50): lower runs first
 * @param sequence the position among the instance's bindings in file order (inline ones first), which
 *     breaks ties of {@code order}
 */
record Binding(Node at, String policy, long order, int sequence) {
    static final long DEFAULT_ORDER = 50;

    /** The binding's {@code config}. */
    Node config() {
        return at.get("config");
    }

    /** The binding's {@code rules}. */
    List<Node> rules() {
        return at.get("rules").list();
    }

    /** {@code apis.yaml: PolicyBinding my-basic: spec.config}, where a builtin policy's message goes. */
    String configWhere() {
        return at.where() + ": " + config().path();
    }
}
