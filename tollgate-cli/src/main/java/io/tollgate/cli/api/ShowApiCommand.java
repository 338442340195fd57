package io.tollgate.cli.api;

import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tollgate api show <remote> <api>}: with {@code -o json} also each policy's configuration. */
@Command(name = "show", description = "Show an API on a gateway (-o json or yaml includes the policies'"
        + " configuration).")
public final class ShowApiCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<api-id_or_name>")
    String api;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            printer(output).entity(client.gatewayApis().require(api), ApiCommands.SHOW);
        }
    }
}
