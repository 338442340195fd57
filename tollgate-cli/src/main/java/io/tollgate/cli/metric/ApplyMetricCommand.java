package io.tollgate.cli.metric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ServiceScopedCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.Refs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate metric apply <remote> <service> <metric>}: updates the metric, or creates it with the
 * reference as system name (and as friendly name unless {@code --name}). Idempotent.
 */
@Command(name = "apply", description = "Create or update a metric (idempotent).")
public final class ApplyMetricCommand extends ServiceScopedCommand {
    @Parameters(index = "2", paramLabel = "<metric>")
    String ref;

    @Option(names = {"-n", "--name"}, paramLabel = "<name>", description = "Friendly name of the metric.")
    String name;

    @Option(names = "--unit", paramLabel = "<unit>", description = "Metric unit (hit when created).")
    String unit;

    @Option(names = "--description", paramLabel = "<text>", description = "Description of the metric.")
    String description;

    @Mixin
    MetricApply apply;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        ObjectNode body = Documents.JSON.createObjectNode();
        if (name != null) {
            body.put("friendly_name", name);
        }
        if (unit != null) {
            body.put("unit", unit);
        }
        if (description != null) {
            body.put("description", description);
        }
        try (AdminClient client = connect(remote)) {
            long serviceId = serviceId(client);
            JsonNode metric = apply.apply(client, serviceId, ref, body, false);
            printer(output).result("Applied metric id: " + Refs.id(metric) + apply.outcome(), metric);
        }
    }
}
