package io.tollgate.cli.metric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.cli.CliException;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.Printer;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Disabling;
import io.tollgate.client.Documents;
import io.tollgate.client.Metrics;
import io.tollgate.client.Refs;
import io.tollgate.model.Owner;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate metric apply <remote> <service> <metric>}: updates the metric, or creates it with the
 * reference as system name (and as friendly name unless {@code --name}). Idempotent.
 */
@Command(name = "apply", description = "Create or update a metric (idempotent).")
public final class ApplyMetricCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<service>")
    String service;

    @Parameters(index = "2", paramLabel = "<metric>")
    String ref;

    @Option(names = {"-n", "--name"}, paramLabel = "<name>", description = "Friendly name of the metric.")
    String name;

    @Option(names = "--unit", paramLabel = "<unit>", description = "Metric unit (hit when created).")
    String unit;

    @Option(names = "--description", paramLabel = "<text>", description = "Description of the metric.")
    String description;

    @Option(names = "--disabled", description = "Disable this metric in all application plans.")
    boolean disabled;

    @Option(names = "--enabled", description = "Enable this metric in all application plans.")
    boolean enabled;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        if (disabled && enabled) {
            throw new CliException("--disabled and --enabled exclude each other");
        }
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
            long serviceId = Refs.id(client.services().require(service));
            Metrics metrics = client.metrics(Owner.product(serviceId));
            Optional<JsonNode> existing = metrics.findMetric(ref);
            JsonNode metric;
            if (existing.isPresent()) {
                metric = body.isEmpty() ? existing.get() : metrics.updateMetric(Refs.id(existing.get()), body);
            } else {
                body.put("system_name", ref);
                if (!body.has("friendly_name")) {
                    body.put("friendly_name", ref);
                }
                if (!body.has("unit")) {
                    body.put("unit", "hit");
                }
                metric = metrics.createMetric(body);
            }
            if (disabled) {
                Disabling.disableEverywhere(client, serviceId, Refs.id(metric));
            } else if (enabled) {
                Disabling.enableEverywhere(client, serviceId, Refs.id(metric));
            }
            Printer printer = printer(output);
            printer.message("Applied metric id: " + Refs.id(metric) + (disabled ? "; Disabled" : enabled ? "; Enabled" : ""));
            if (output.format() != null) {
                printer.document(metric);
            }
        }
    }
}
