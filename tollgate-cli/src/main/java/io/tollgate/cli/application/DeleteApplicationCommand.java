package io.tollgate.cli.application;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Refs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tollgate application delete <remote> <application>}. */
@Command(name = "delete", description = "Delete an application (by user key, app id or id).")
public final class DeleteApplicationCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<application>")
    String ref;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            JsonNode application = client.applications().require(ref);
            client.applications().delete(application.path("account_id").asLong(), Refs.id(application));
            out().println("Application id: " + Refs.id(application) + " deleted");
        }
    }
}
