package io.tollgate.cli.method;

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

/** {@code tollgate method apply <remote> <service> <method>}: update, or create under hits. Idempotent. */
@Command(name = "apply", description = "Create or update a method (idempotent).")
public final class ApplyMethodCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<service>")
    String service;

    @Parameters(index = "2", paramLabel = "<method>")
    String ref;

    @Option(names = {"-n", "--name"}, paramLabel = "<name>", description = "Friendly name of the method.")
    String name;

    @Option(names = "--description", paramLabel = "<text>", description = "Description of the method.")
    String description;

    @Option(names = "--disabled", description = "Disable this method in all application plans.")
    boolean disabled;

    @Option(names = "--enabled", description = "Enable this method in all application plans.")
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
        if (description != null) {
            body.put("description", description);
        }
        try (AdminClient client = connect(remote)) {
            long serviceId = Refs.id(client.services().require(service));
            Metrics metrics = client.metrics(Owner.product(serviceId));
            long hitsId = Refs.id(metrics.hits());
            Optional<JsonNode> existing = metrics.findMethod(ref);
            JsonNode method;
            if (existing.isPresent()) {
                method = body.isEmpty() ? existing.get() : metrics.updateMethod(hitsId, Refs.id(existing.get()), body);
            } else {
                body.put("system_name", ref);
                if (!body.has("friendly_name")) {
                    body.put("friendly_name", ref);
                }
                method = metrics.createMethod(hitsId, body);
            }
            if (disabled) {
                Disabling.disableEverywhere(client, serviceId, Refs.id(method));
            } else if (enabled) {
                Disabling.enableEverywhere(client, serviceId, Refs.id(method));
            }
            Printer printer = printer(output);
            printer.message("Applied method id: " + Refs.id(method) + (disabled ? "; Disabled" : enabled ? "; Enabled" : ""));
            if (output.format() != null) {
                printer.document(method);
            }
        }
    }
}
