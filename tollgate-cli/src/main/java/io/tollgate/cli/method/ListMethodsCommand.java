package io.tollgate.cli.method;

import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ServiceScopedCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.model.Owner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tollgate method list <remote> <service>}. */
@Command(name = "list", description = "List the methods of a product.")
public final class ListMethodsCommand extends ServiceScopedCommand {
    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            long serviceId = serviceId(client);
            printer(output).list(client.metrics(Owner.product(serviceId)).methods(), MethodCommands.COLUMNS);
        }
    }
}
