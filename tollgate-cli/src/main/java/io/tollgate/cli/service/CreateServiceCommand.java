package io.tollgate.cli.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate service create <remote> <service-name>}; a name or system name already taken is an error. */
@Command(name = "create", description = "Create a product.")
public final class CreateServiceCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<service-name>")
    String name;

    @Option(names = {"-s", "--system-name"}, paramLabel = "<system_name>", description = "System name of the product.")
    String systemName;

    @Mixin
    ServiceFields fields;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        ObjectNode body = fields.toJson().put("name", name);
        if (systemName != null) {
            body.put("system_name", systemName);
        }
        try (AdminClient client = connect(remote)) {
            JsonNode created = client.services().create(body);
            printer(output).result("Service '" + created.path("name").asText() + "' has been created with ID: "
                    + created.path("id").asLong(), created);
        }
    }
}
