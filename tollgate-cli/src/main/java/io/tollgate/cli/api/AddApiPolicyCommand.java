package io.tollgate.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tollgate api policy add <remote> <api> <policy> --config=…|--config-json=…}. */
@Command(name = "add", description = "Add a policy to an API and deploy, e.g. http-basic-authentication"
        + " --config=username=user,password=pw.")
public final class AddApiPolicyCommand extends ToolboxCommand {
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
            JsonNode changed = client.gatewayApis().addPolicy(api, policy, configuration.toJson(inputs()));
            printer(output).result("Policy " + policy + " added to API " + changed.path("name").asText()
                    + "; deployed", changed);
        }
    }
}
