package io.tollgate.cli.activedocs;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Refs;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate activedocs list <remote> [-s service]}. */
@Command(name = "list", description = "List ActiveDocs.")
public final class ListActiveDocsCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Option(names = {"-s", "--service-ref"}, paramLabel = "<service>", description = "Only those of this product.")
    String service;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            List<JsonNode> docs = client.activeDocs().list();
            if (service != null) {
                long serviceId = Refs.id(client.services().require(service));
                docs = docs.stream().filter(d -> d.path("service_id").asLong(-1) == serviceId).toList();
            }
            printer(output).list(docs, ActiveDocsCommands.COLUMNS);
        }
    }
}
