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

    @Option(names = "--port", paramLabel = "<port>", description = "Listener port on the gateway (default 8081).")
    Integer port;

    @Option(names = "--scheme", paramLabel = "http|https", description = "Listener scheme (default http).")
    String scheme;

    @Option(names = "--certificate", paramLabel = "<file>",
            description = "PEM certificate (chain) of the https listener.")
    String certificate;

    @Option(names = "--key", paramLabel = "<file>", description = "PEM private key of the https listener.")
    String key;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        ObjectNode body = Json.MAPPER.createObjectNode().put("gateway", gateway).put("name", name)
                .put("upstream", upstream);
        if (port != null) {
            body.put("port", port);
        }
        if (scheme != null) {
            body.put("scheme", scheme);
        }
        if (certificate != null) {
            body.put("certificate", file("--certificate", certificate));
        }
        if (key != null) {
            body.put("private_key", file("--key", key));
        }
        try (AdminClient client = connect(remote)) {
            JsonNode created = client.gatewayApis().create(body);
            printer(output).result("API " + created.path("name").asText() + " created on gateway "
                    + ApiCommands.placement(created) + "; deployed", created);
        }
    }

    private String file(String option, String path) {
        if (path.equals("-")) {
            throw new CliException(option + ": expected a file, not stdin");
        }
        try {
            return inputs().read(path);
        } catch (CliException e) {
            throw new CliException(option + ": " + e.getMessage(), e);
        }
    }
}
