package io.tollgate.cli.activedocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.Refs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate activedocs create <remote> <activedocs-name> <specification>}: hidden unless {@code -p}. */
@Command(name = "create", description = "Create ActiveDocs from an OpenAPI file, URL or '-' (stdin).")
public final class CreateActiveDocsCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<activedocs-name>")
    String name;

    @Parameters(index = "2", paramLabel = "<specification>")
    String specification;

    @Option(names = {"-d", "--description"}, paramLabel = "<text>", description = "Description of the ActiveDocs.")
    String description;

    @Option(names = {"-i", "--service-id"}, paramLabel = "<service>", description = "Product the ActiveDocs document (id or system name).")
    String service;

    @Option(names = {"-p", "--published"}, description = "Publish the ActiveDocs on the developer portal (else hidden).")
    boolean published;

    @Option(names = {"-s", "--system-name"}, paramLabel = "<system_name>", description = "System name of the ActiveDocs.")
    String systemName;

    @Option(names = "--skip-swagger-validations", description = "Do not validate the OpenAPI document.")
    boolean skipValidations;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        ObjectNode body = Documents.JSON.createObjectNode().put("name", name)
                .put("body", Specs.json(inputs(), specification)).put("published", published)
                .put("skip_swagger_validations", skipValidations);
        if (description != null) {
            body.put("description", description);
        }
        if (systemName != null) {
            body.put("system_name", systemName);
        }
        try (AdminClient client = connect(remote)) {
            if (service != null) {
                body.put("service_id", Refs.id(client.services().require(service)));
            }
            JsonNode created = client.activeDocs().create(body);
            printer(output).result("ActiveDocs '" + name + "' has been created with ID: " + Refs.id(created), created);
        }
    }
}
