package io.tollgate.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.cli.CliException;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.model.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate api update <remote> <api> [--upstream] [--port] [--scheme] [--certificate --key]}:
 * changes what is given, saves and deploys.
 */
@Command(name = "update", description = {"Change an API's upstream or listener (port, scheme, certificate). "
        + "Saves and deploys (and promotes, on a production gateway); the gateway moves it at once."})
public final class UpdateApiCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<api>", description = "The API's id or name.")
    String api;

    @Option(names = "--upstream", paramLabel = "<url>", description = "http(s) URL every request is proxied to.")
    String upstream;

    @Mixin
    ListenerOptions listener;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (upstream != null) {
            body.put("upstream", upstream);
        }
        if (!listener.apply(body, inputs()) && upstream == null) {
            throw new CliException("nothing to change: give --upstream, --port, --scheme or --certificate/--key");
        }
        try (AdminClient client = connect(remote)) {
            JsonNode updated = client.gatewayApis().update(api, body);
            printer(output).result("API " + updated.path("name").asText() + " updated on gateway "
                    + ApiCommands.placement(updated) + "; deployed", updated);
        }
    }
}
