package io.tollgate.cli.metric;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cli.ServiceScopedCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Metrics;
import io.tollgate.client.NotFoundException;
import io.tollgate.client.Refs;
import io.tollgate.model.Owner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tollgate metric delete <remote> <service> <metric>}: also deletes its methods and rules. */
@Command(name = "delete", description = "Delete a metric.")
public final class DeleteMetricCommand extends ServiceScopedCommand {
    @Parameters(index = "2", paramLabel = "<metric>")
    String ref;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            Metrics metrics = client.metrics(Owner.product(serviceId(client)));
            JsonNode metric = metrics.findMetric(ref)
                    .orElseThrow(() -> new NotFoundException("metric " + ref + " not found in product " + service));
            metrics.deleteMetric(Refs.id(metric));
            out().println("Metric id: " + Refs.id(metric) + " deleted");
        }
    }
}
