package io.tollgate.cli.activedocs;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.NotFoundException;
import io.tollgate.client.Refs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tollgate activedocs delete <remote> <activedocs>}. */
@Command(name = "delete", description = "Delete ActiveDocs.")
public final class DeleteActiveDocsCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<activedocs-id_or-system-name>")
    String ref;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            JsonNode doc = client.activeDocs().find(ref)
                    .orElseThrow(() -> new NotFoundException("ActiveDocs " + ref + " not found on " + client.remote()));
            client.activeDocs().delete(Refs.id(doc));
            out().println("ActiveDocs with id: " + Refs.id(doc) + " deleted");
        }
    }
}
