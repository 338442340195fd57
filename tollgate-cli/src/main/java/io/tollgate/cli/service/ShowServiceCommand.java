package io.tollgate.cli.service;

import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tollgate service show <remote> <service>}. */
@Command(name = "show", description = "Show a product.")
public final class ShowServiceCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<service-id_or_system-name>")
    String ref;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            printer(output).entity(client.services().require(ref), ServiceCommands.SHOW);
        }
    }
}
