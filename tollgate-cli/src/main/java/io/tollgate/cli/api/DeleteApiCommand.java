package io.tollgate.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tollgate api delete <remote> <api>}: the API's product (and backend); it leaves its gateway. */
@Command(name = "delete", description = "Delete an API: its product, backend and placement; its gateway stops"
        + " serving it.")
public final class DeleteApiCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<api-id_or_name>")
    String api;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            JsonNode found = client.gatewayApis().require(api);
            client.gatewayApis().delete(found);
            out().println("API " + found.path("name").asText() + " deleted from gateway "
                    + found.path("gateway").asText());
        }
    }
}
