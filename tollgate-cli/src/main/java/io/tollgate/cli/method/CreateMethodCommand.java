package io.tollgate.cli.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ServiceScopedCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Disabling;
import io.tollgate.client.Documents;
import io.tollgate.client.Metrics;
import io.tollgate.client.Refs;
import io.tollgate.model.Owner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate method create <remote> <service> <method-name>}: a method under hits. */
@Command(name = "create", description = "Create a method.")
public final class CreateMethodCommand extends ServiceScopedCommand {
    @Parameters(index = "2", paramLabel = "<method-name>")
    String name;

    @Option(names = {"-t", "--system-name"}, paramLabel = "<system_name>", description = "System name of the method.")
    String systemName;

    @Option(names = "--description", paramLabel = "<text>", description = "Description of the method.")
    String description;

    @Option(names = "--disabled", description = "Disable this method in all application plans.")
    boolean disabled;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        ObjectNode body = Documents.JSON.createObjectNode().put("friendly_name", name);
        if (systemName != null) {
            body.put("system_name", systemName);
        }
        if (description != null) {
            body.put("description", description);
        }
        try (AdminClient client = connect(remote)) {
            long serviceId = serviceId(client);
            Metrics metrics = client.metrics(Owner.product(serviceId));
            JsonNode method = metrics.createMethod(Refs.id(metrics.hits()), body);
            if (disabled) {
                Disabling.disableEverywhere(client, serviceId, Refs.id(method));
            }
            printer(output).result("Created method id: " + Refs.id(method) + ". Disabled: " + disabled, method);
        }
    }
}
