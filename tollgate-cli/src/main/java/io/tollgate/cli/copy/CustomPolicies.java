package io.tollgate.cli.copy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cli.CliException;
import io.tollgate.client.AdminClient;
import io.tollgate.client.ApiException;
import io.tollgate.model.BuiltinPolicies;
import java.util.List;

/** The custom policies of a chain must be in the destination's registry before the chain is copied. */
final class CustomPolicies {
    private CustomPolicies() {
    }

    static void requireAt(AdminClient destination, JsonNode chain, Warnings warn) {
        List<JsonNode> custom = new java.util.ArrayList<>();
        chain.forEach(p -> {
            if (!BuiltinPolicies.VERSION.equals(p.path("version").asText())) {
                custom.add(p);
            }
        });
        if (custom.isEmpty()) {
            return;
        }
        List<JsonNode> registry;
        try {
            registry = destination.policyRegistry().list();
        } catch (ApiException e) {
            if (e.status() == 403) {
                warn.warn("cannot check the destination's policy registry (the token lacks the policy_registry"
                        + " scope); copying the chain as it is");
                return;
            }
            throw e;
        }
        for (JsonNode policy : custom) {
            String name = policy.path("name").asText();
            String version = policy.path("version").asText();
            boolean present = registry.stream().anyMatch(r -> name.equals(r.path("name").asText())
                    && version.equals(r.path("version").asText()));
            if (!present) {
                throw new CliException("custom policy " + name + " " + version + " is not in the destination's policy"
                        + " registry; copy it first with 'tollgate policy-registry copy <source> <destination>'");
            }
        }
    }

    /** Where a warning goes (stderr). */
    interface Warnings {
        void warn(String message);
    }
}
