package io.tollgate.cli.metric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ServiceScopedCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Disabling;
import io.tollgate.client.Documents;
import io.tollgate.client.Refs;
import io.tollgate.model.Owner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate metric create <remote> <service> <metric-name>}; {@code --disabled} disables it in every plan. */
@Command(name = "create", description = "Create a metric.")
public final class CreateMetricCommand extends ServiceScopedCommand {
    @Parameters(index = "2", paramLabel = "<metric-name>")
    String name;

    @Option(names = {"-t", "--system-name"}, paramLabel = "<system_name>", description = "System name of the metric.")
    String systemName;

    @Option(names = "--unit", paramLabel = "<unit>", defaultValue = "hit", description = "Metric unit (default: hit).")
    String unit;

    @Option(names = "--description", paramLabel = "<text>", description = "Description of the metric.")
    String description;

    @Option(names = "--disabled", description = "Disable this metric in all application plans.")
    boolean disabled;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        ObjectNode body = Documents.JSON.createObjectNode().put("friendly_name", name).put("unit", unit);
        if (systemName != null) {
            body.put("system_name", systemName);
        }
        if (description != null) {
            body.put("description", description);
        }
        try (AdminClient client = connect(remote)) {
            long serviceId = serviceId(client);
            JsonNode metric = client.metrics(Owner.product(serviceId)).createMetric(body);
            if (disabled) {
                Disabling.disableEverywhere(client, serviceId, Refs.id(metric));
            }
            printer(output).result("Created metric id: " + Refs.id(metric) + ". Disabled: " + disabled, metric);
        }
    }
}
