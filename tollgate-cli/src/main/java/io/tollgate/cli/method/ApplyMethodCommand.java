package io.tollgate.cli.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ServiceScopedCommand;
import io.tollgate.cli.metric.MetricApply;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.Refs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate method apply <remote> <service> <method>}: update, or create under hits. Idempotent. */
@Command(name = "apply", description = "Create or update a method (idempotent).")
public final class ApplyMethodCommand extends ServiceScopedCommand {
    @Parameters(index = "2", paramLabel = "<method>")
    String ref;

    @Option(names = {"-n", "--name"}, paramLabel = "<name>", description = "Friendly name of the method.")
    String name;

    @Option(names = "--description", paramLabel = "<text>", description = "Description of the method.")
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
        if (description != null) {
            body.put("description", description);
        }
        try (AdminClient client = connect(remote)) {
            long serviceId = serviceId(client);
            JsonNode method = apply.apply(client, serviceId, ref, body, true);
            printer(output).result("Applied method id: " + Refs.id(method) + apply.outcome(), method);
        }
    }
}
