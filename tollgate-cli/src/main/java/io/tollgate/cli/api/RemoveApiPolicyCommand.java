package io.tollgate.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tollgate api policy remove <remote> <api> <policy>}. */
@Command(name = "remove", description = "Remove a policy from an API and deploy.")
public final class RemoveApiPolicyCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<api-id_or_name>")
    String api;

    @Parameters(index = "2", paramLabel = "<policy>")
    String policy;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            JsonNode changed = client.gatewayApis().removePolicy(api, policy);
            printer(output).result("Policy " + policy + " removed from API " + changed.path("name").asText()
                    + "; deployed", changed);
        }
    }
}
