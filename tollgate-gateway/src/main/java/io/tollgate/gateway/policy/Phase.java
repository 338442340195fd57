package io.tollgate.gateway.policy;

import io.tollgate.gateway.pipeline.Exchange;

/** The phases of a request, in the order they run (see {@link Policy}). */
public enum Phase {
    REWRITE("onRewrite"),
    ACCESS("onAccess"),
    UPSTREAM("onUpstream"),
    RESPONSE("onResponse"),
    LOG("onLog");

    private final String method;

    Phase(String method) {
        this.method = method;
    }

    /** Whether {@code policy}'s class overrides this phase's method. */
    boolean isImplementedBy(Policy policy) {
        try {
            return policy.getClass().getMethod(method, Exchange.class).getDeclaringClass() != Policy.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs this phase's method of {@code policy}. */
    void invoke(Policy policy, Exchange exchange) {
        switch (this) {
            case REWRITE -> policy.onRewrite(exchange);
            case ACCESS -> policy.onAccess(exchange);
            case UPSTREAM -> policy.onUpstream(exchange);
            case RESPONSE -> policy.onResponse(exchange);
            case LOG -> policy.onLog(exchange);
        }
    }

    /** Whether the phase runs before the request goes upstream (its policies must proceed). */
    public boolean isRequestPhase() {
        return this == REWRITE || this == ACCESS || this == UPSTREAM;
    }
}
