package io.tollgate.cli.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Refs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tollgate service delete <remote> <service>}: the product and everything it holds. */
@Command(name = "delete", description = "Delete a product with its metrics, rules, plans and applications.")
public final class DeleteServiceCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<service-id_or_system-name>")
    String ref;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            JsonNode service = client.services().require(ref);
            client.services().delete(Refs.id(service));
            out().println("Service with id: " + Refs.id(service) + " deleted");
        }
    }
}
