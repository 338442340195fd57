package io.tollgate.cli.connectedapp;

import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tollgate connected-app list <remote>}: the tenant's connected apps, without secrets. */
@Command(name = "list", description = "List connected apps: client id and scopes (never the secrets).")
public final class ListConnectedAppsCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            printer(output).list(client.connectedApps().list(), ConnectedAppCommands.COLUMNS);
        }
    }
}
