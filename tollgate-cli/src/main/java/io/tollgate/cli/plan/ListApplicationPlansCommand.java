package io.tollgate.cli.plan;

import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ServiceScopedCommand;
import io.tollgate.client.AdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tollgate application-plan list <remote> <service>}. */
@Command(name = "list", description = "List the application plans of a product.")
public final class ListApplicationPlansCommand extends ServiceScopedCommand {
    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            long serviceId = serviceId(client);
            printer(output).list(client.plans(serviceId).list(), ApplicationPlanCommands.LIST);
        }
    }
}
