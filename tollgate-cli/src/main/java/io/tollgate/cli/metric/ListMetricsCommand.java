package io.tollgate.cli.metric;

import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Refs;
import io.tollgate.model.Owner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tollgate metric list <remote> <service>}: the metrics (not the methods). */
@Command(name = "list", description = "List the metrics of a product.")
public final class ListMetricsCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<service>")
    String service;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            long serviceId = Refs.id(client.services().require(service));
            printer(output).list(client.metrics(Owner.product(serviceId)).metrics(), MetricCommands.COLUMNS);
        }
    }
}
