package io.tollgate.gateway.policy;

import io.tollgate.gateway.config.ProductConfig.PolicyRule;
import io.tollgate.gateway.pipeline.Exchange;
import java.util.List;

/**
 * A chain entry with {@code rules}: the policy runs only for requests one of the rules matches (method
 * and path as the request arrived, normalized); for the others each of its phases just proceeds. The
 * decision is taken once per request, at the first phase the policy takes part in, so a later rewrite of
 * the path does not make a policy apply to half a request.
 */
final class ConditionalPolicy implements Policy {
    private final Policy policy;
    private final List<PolicyRule> rules;
    private final Exchange.Key<Boolean> applies;

    ConditionalPolicy(Policy policy, List<PolicyRule> rules, String name) {
        this.policy = policy;
        this.rules = List.copyOf(rules);
        this.applies = Exchange.key(name + " rules");
    }

    /** The policy the rules guard (its phases are the ones the chain runs this entry in). */
    Policy policy() {
        return policy;
    }

    private boolean applies(Exchange exchange) {
        Boolean decided = exchange.get(applies);
        if (decided == null) {
            String method = exchange.method();
            String path = exchange.path();
            decided = rules.stream().anyMatch(r -> r.matches(method, path));
            exchange.put(applies, decided);
        }
        return decided;
    }

    @Override
    public void onRewrite(Exchange exchange) {
        if (applies(exchange)) {
            policy.onRewrite(exchange);
        } else {
            exchange.proceed();
        }
    }

    @Override
    public void onAccess(Exchange exchange) {
        if (applies(exchange)) {
            policy.onAccess(exchange);
        } else {
            exchange.proceed();
        }
    }

    @Override
    public void onUpstream(Exchange exchange) {
        if (applies(exchange)) {
            policy.onUpstream(exchange);
        } else {
            exchange.proceed();
        }
    }

    @Override
    public void onResponse(Exchange exchange) {
        if (applies(exchange)) {
            policy.onResponse(exchange);
        }
    }

    @Override
    public void onLog(Exchange exchange) {
        if (applies(exchange)) {
            policy.onLog(exchange);
        }
    }

    @Override
    public void close() {
        policy.close();
    }

    @Override
    public String toString() {
        return policy + " (with rules)";
    }
}
