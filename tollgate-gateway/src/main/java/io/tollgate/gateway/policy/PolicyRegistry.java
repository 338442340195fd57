package io.tollgate.gateway.policy;

import io.tollgate.gateway.policy.apicast.ApicastPolicy;
import io.tollgate.gateway.policy.routing.RoutingPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The policies the gateway can run, by name. */
public final class PolicyRegistry {
    private final Map<String, PolicyFactory> factories = new LinkedHashMap<>();

    private PolicyRegistry(List<PolicyFactory> factories) {
        for (PolicyFactory f : factories) {
            if (this.factories.putIfAbsent(f.name(), f) != null) {
                throw new IllegalArgumentException("policy " + f.name() + " registered twice");
            }
        }
    }

    /** Every builtin policy. */
    public static PolicyRegistry builtin() {
        List<PolicyFactory> all = new ArrayList<>();
        all.add(new ApicastPolicy.Factory());
        all.add(new RoutingPolicy.Factory());
        return new PolicyRegistry(all);
    }

    /** A registry of exactly these factories (tests). */
    public static PolicyRegistry of(PolicyFactory... factories) {
        return new PolicyRegistry(List.of(factories));
    }

    public Optional<PolicyFactory> find(String name) {
        return Optional.ofNullable(factories.get(name));
    }

    public List<String> names() {
        return List.copyOf(factories.keySet());
    }
}
