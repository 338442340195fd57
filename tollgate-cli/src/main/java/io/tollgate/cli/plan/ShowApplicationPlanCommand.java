package io.tollgate.cli.plan;

import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.NotFoundException;
import io.tollgate.client.Refs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tollgate application-plan show <remote> <service> <plan>}. */
@Command(name = "show", description = "Show an application plan.")
public final class ShowApplicationPlanCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<service>")
    String service;

    @Parameters(index = "2", paramLabel = "<plan>")
    String ref;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            long serviceId = Refs.id(client.services().require(service));
            printer(output).entity(client.plans(serviceId).find(ref).orElseThrow(() -> new NotFoundException(
                    "application plan " + ref + " not found in product " + service)), ApplicationPlanCommands.SHOW);
        }
    }
}
