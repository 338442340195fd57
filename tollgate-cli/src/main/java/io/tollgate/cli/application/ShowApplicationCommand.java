package io.tollgate.cli.application;

import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tollgate application show <remote> <application>}. */
@Command(name = "show", description = "Show an application (by user key, app id or id).")
public final class ShowApplicationCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<application>")
    String ref;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            printer(output).entity(client.applications().require(ref), ApplicationCommands.COLUMNS);
        }
    }
}
