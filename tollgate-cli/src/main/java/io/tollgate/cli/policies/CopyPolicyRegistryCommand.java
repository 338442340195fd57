package io.tollgate.cli.policies;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.PolicyRegistry;
import io.tollgate.client.Refs;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate policy-registry copy <source_remote> <target_remote>}: creates the custom policies
 * (name and version) the target lacks and updates those whose manifest differs; idempotent.
 */
@Command(name = "copy", description = "Copy custom policies: create missing ones, update differing ones (idempotent).")
public final class CopyPolicyRegistryCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<source_remote>")
    String source;

    @Parameters(index = "1", paramLabel = "<target_remote>")
    String target;

    @Override
    protected void run() {
        try (AdminClient from = connect(source); AdminClient to = connect(target)) {
            PolicyRegistry registry = to.policyRegistry();
            int created = 0;
            int updated = 0;
            for (JsonNode policy : from.policyRegistry().list()) {
                String name = policy.path("name").asText();
                String version = policy.path("version").asText();
                Optional<JsonNode> existing = registry.find(name, version);
                if (existing.isEmpty()) {
                    registry.create(name, version, policy.path("schema"));
                    created++;
                } else if (!existing.get().path("schema").equals(policy.path("schema"))) {
                    registry.update(Refs.id(existing.get()), policy.path("schema"));
                    updated++;
                }
            }
            out().println("Created " + created + " missing policies, updated " + updated + " policies");
        }
    }
}
