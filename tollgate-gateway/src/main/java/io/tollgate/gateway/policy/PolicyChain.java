package io.tollgate.gateway.policy;

import io.tollgate.gateway.config.ConfigException;
import io.tollgate.gateway.config.ProductConfig;
import io.tollgate.gateway.config.ProductConfig.PolicyConfig;
import io.tollgate.model.BuiltinPolicies;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A product's policies, instantiated and checked once per configuration: every entry names a policy
 * the gateway has, its configuration is valid, and the declared order holds
 * ({@link PolicyFactory#mustPrecede}). For each phase the chain keeps only the policies taking part
 * in it, so a request never calls a phase method a policy does not have.
 */
public final class PolicyChain implements AutoCloseable {
    private final List<Policy> policies;
    private final List<String> names;
    private final Map<Phase, Policy[]> byPhase;

    private PolicyChain(List<Policy> policies, List<String> names) {
        this.policies = List.copyOf(policies);
        this.names = List.copyOf(names);
        this.byPhase = new EnumMap<>(Phase.class);
        for (Phase phase : Phase.values()) {
            this.byPhase.put(phase, policies.stream().filter(p -> phase.isImplementedBy(unwrap(p)))
                    .toArray(Policy[]::new));
        }
    }

    /**
     * @throws ConfigException naming the entry ({@code policy_chain[2] (rate_limit): …})
     */
    public static PolicyChain build(ProductConfig product, PolicyRegistry registry, PolicyContext context) {
        List<Policy> policies = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            List<PolicyConfig> chain = product.policyChain();
            for (int i = 0; i < chain.size(); i++) {
                PolicyConfig entry = chain.get(i);
                String where = "policy_chain[" + i + "] (" + entry.name() + ")";
                PolicyFactory factory = factory(entry, registry, where);
                Policy policy;
                try {
                    policy = factory.create(entry.configuration(), product, context);
                } catch (ConfigException e) {
                    throw e.at(where + ": configuration");
                }
                policies.add(entry.rules().isEmpty() ? policy : new ConditionalPolicy(policy, entry.rules(), where));
                names.add(entry.name());
            }
            checkOrder(names, registry);
            return new PolicyChain(policies, names);
        } catch (RuntimeException e) {
            policies.forEach(PolicyChain::closeQuietly);
            throw e;
        }
    }

    private static PolicyFactory factory(PolicyConfig entry, PolicyRegistry registry, String where) {
        if (!BuiltinPolicies.VERSION.equals(entry.version())) {
            throw new ConfigException(where + ": version \"" + entry.version()
                    + "\" (expected: builtin; Tollgate's gateway runs builtin policies only)");
        }
        return registry.find(entry.name()).orElseThrow(() -> new ConfigException(where + ": unknown policy \""
                + entry.name() + "\" (expected: one of " + String.join(", ", registry.names()) + ")"));
    }

    private static void checkOrder(List<String> names, PolicyRegistry registry) {
        for (int i = 0; i < names.size(); i++) {
            PolicyFactory factory = registry.find(names.get(i)).orElseThrow();
            for (String later : factory.mustPrecede()) {
                int at = names.indexOf(later);
                if (at >= 0 && at < i) {
                    throw new ConfigException("policy_chain[" + i + "] (" + names.get(i) + "): must come before "
                            + later + " (policy_chain[" + at + "])");
                }
            }
        }
    }

    /** The policies taking part in {@code phase}, in chain order. Callers must not modify the array. */
    public Policy[] phase(Phase phase) {
        return byPhase.get(phase);
    }

    /** The policy names in chain order. */
    public List<String> names() {
        return names;
    }

    /** The first policy of type {@code type}, if the chain has one. */
    public <T extends Policy> java.util.Optional<T> find(Class<T> type) {
        return policies.stream().map(PolicyChain::unwrap).filter(type::isInstance).map(type::cast).findFirst();
    }

    private static Policy unwrap(Policy policy) {
        return policy instanceof ConditionalPolicy c ? c.policy() : policy;
    }

    @Override
    public void close() {
        policies.forEach(PolicyChain::closeQuietly);
    }

    private static void closeQuietly(Policy p) {
        try {
            p.close();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(PolicyChain.class).warn("closing policy {}: {}", p, e.toString());
        }
    }
}
