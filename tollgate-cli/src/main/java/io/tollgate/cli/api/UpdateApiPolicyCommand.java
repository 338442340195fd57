package io.tollgate.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tollgate api policy update <remote> <api> <policy> --config=…|--config-json=…}: replaces the configuration. */
@Command(name = "update", description = "Replace the configuration of an API's policy and deploy.")
public final class UpdateApiPolicyCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<api-id_or_name>")
    String api;

    @Parameters(index = "2", paramLabel = "<policy>")
    String policy;

    @Mixin
    PolicyConfiguration configuration;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            JsonNode changed = client.gatewayApis().updatePolicy(api, policy, configuration.toJson(inputs()));
            printer(output).result("Policy " + policy + " of API " + changed.path("name").asText()
                    + " updated; deployed", changed);
        }
    }
}
