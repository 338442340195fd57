package io.tollgate.cli.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Refs;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate service apply <remote> <service>}: updates the product the reference names, or
 * creates it (system name = the reference, name = {@code --name} or the reference). Idempotent.
 */
@Command(name = "apply", description = "Create or update a product (idempotent).")
public final class ApplyServiceCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<service-id_or_system-name>")
    String ref;

    @Option(names = {"-n", "--name"}, paramLabel = "<name>", description = "Name of the product.")
    String name;

    @Mixin
    ServiceFields fields;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        ObjectNode body = fields.toJson();
        if (name != null) {
            body.put("name", name);
        }
        try (AdminClient client = connect(remote)) {
            Optional<JsonNode> existing = client.services().find(ref);
            JsonNode result;
            if (existing.isPresent()) {
                result = body.isEmpty() ? existing.get() : client.services().update(Refs.id(existing.get()), body);
            } else {
                body.put("system_name", ref);
                if (!body.has("name")) {
                    body.put("name", ref);
                }
                result = client.services().create(body);
            }
            printer(output).result("Applied Service id: " + result.path("id").asLong(), result);
        }
    }
}
