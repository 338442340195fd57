package io.tollgate.cli.connectedapp;

import io.tollgate.cli.CliException;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tollgate connected-app delete <remote> <app>}: its secret stops working at once. */
@Command(name = "delete", description = "Delete a connected app (by id or client id): its secret stops working at "
        + "once.")
public final class DeleteConnectedAppCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<app>", description = "The app's id or client id.")
    String app;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            long id = client.connectedApps().list().stream()
                    .filter(a -> a.path("client_id").asText().equals(app) || a.path("id").asText().equals(app))
                    .mapToLong(a -> a.path("id").asLong()).findFirst()
                    .orElseThrow(() -> new CliException("connected app '" + app + "' not found on " + remote));
            client.connectedApps().delete(id);
            out().println("Connected app " + app + " deleted");
        }
    }
}
