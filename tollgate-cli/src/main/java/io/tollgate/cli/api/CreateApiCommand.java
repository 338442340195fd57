package io.tollgate.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.model.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate api create <remote> --gateway=G --name=N --upstream=URL [--port] [--scheme]
 * [--certificate --key]}: creates the API's product, backend and placement and deploys it.
 */
@Command(name = "create", description = {"Create an API on a registered gateway: every request on its port is"
        + " proxied to the upstream. Saves and deploys (and promotes, on a production gateway)."})
public final class CreateApiCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Option(names = "--gateway", required = true, paramLabel = "<gateway>",
            description = "Name or id of the registered gateway that serves the API.")
    String gateway;

    @Option(names = "--name", required = true, paramLabel = "<name>",
            description = "Reference name of the API (letters, digits, '-', '_'): also its product's system name.")
    String name;

    @Option(names = "--upstream", required = true, paramLabel = "<url>",
            description = "http(s) URL every request is proxied to.")
    String upstream;

    @Mixin
    ListenerOptions listener;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        ObjectNode body = Json.MAPPER.createObjectNode().put("gateway", gateway).put("name", name)
                .put("upstream", upstream);
        listener.apply(body, inputs());
        try (AdminClient client = connect(remote)) {
            JsonNode created = client.gatewayApis().create(body);
            printer(output).result("API " + created.path("name").asText() + " created on gateway "
                    + ApiCommands.placement(created) + "; deployed", created);
        }
    }
}
