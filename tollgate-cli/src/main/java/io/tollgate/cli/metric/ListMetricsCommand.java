package io.tollgate.cli.metric;

import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ServiceScopedCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.model.Owner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tollgate metric list <remote> <service>}: the metrics (not the methods). */
@Command(name = "list", description = "List the metrics of a product.")
public final class ListMetricsCommand extends ServiceScopedCommand {
    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            long serviceId = serviceId(client);
            printer(output).list(client.metrics(Owner.product(serviceId)).metrics(), MetricCommands.COLUMNS);
        }
    }
}
