package io.tollgate.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.GatewayApis;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate api policy add|update|remove <remote> <api> <policy> …}: one change to an API's
 * policies, deployed, answered with one line ({@code Policy P added to API A; deployed}).
 */
abstract class ApiPolicyCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<api-id_or_name>")
    String api;

    @Parameters(index = "2", paramLabel = "<policy>")
    String policy;

    @Mixin
    OutputFormat output;

    /** Makes the change; answers the API afterwards. */
    abstract JsonNode change(GatewayApis apis);

    /** What the change did, for the line: {@code added to}, {@code removed from}. */
    abstract String done(String apiName);

    @Override
    protected final void run() {
        try (AdminClient client = connect(remote)) {
            JsonNode changed = change(client.gatewayApis());
            printer(output).result("Policy " + policy + " " + done(changed.path("name").asText()) + "; deployed",
                    changed);
        }
    }
}
