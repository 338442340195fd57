package io.tollgate.cli.plan;

import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ServiceScopedCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.NotFoundException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tollgate application-plan show <remote> <service> <plan>}. */
@Command(name = "show", description = "Show an application plan.")
public final class ShowApplicationPlanCommand extends ServiceScopedCommand {
    @Parameters(index = "2", paramLabel = "<plan>")
    String ref;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            long serviceId = serviceId(client);
            printer(output).entity(client.plans(serviceId).find(ref).orElseThrow(() -> new NotFoundException(
                    "application plan " + ref + " not found in product " + service)), ApplicationPlanCommands.SHOW);
        }
    }
}
