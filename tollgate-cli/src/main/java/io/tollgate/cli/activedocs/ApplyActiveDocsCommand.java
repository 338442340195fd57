package io.tollgate.cli.activedocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.cli.CliException;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.Refs;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate activedocs apply <remote> <activedocs>}: updates the ActiveDocs the id or system
 * name names, or creates them ({@code --openapi-spec} then needed). Validation is skipped unless
 * {@code --skip-swagger-validations=false}.
 */
@Command(name = "apply", description = "Create or update ActiveDocs (idempotent).")
public final class ApplyActiveDocsCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<activedocs_id_or_system_name>")
    String ref;

    @Option(names = {"-d", "--description"}, paramLabel = "<text>", description = "Description of the ActiveDocs.")
    String description;

    @Option(names = "--hide", description = "Hide the ActiveDocs on the developer portal.")
    boolean hide;

    @Option(names = {"-p", "--publish"}, description = "Publish the ActiveDocs on the developer portal.")
    boolean publish;

    @Option(names = {"-i", "--service-id"}, paramLabel = "<service>", description = "Product the ActiveDocs document.")
    String service;

    @Option(names = "--openapi-spec", paramLabel = "<file|url|->",
            description = "The OpenAPI document; needed when the ActiveDocs are created.")
    String specification;

    @Option(names = {"-s", "--name"}, paramLabel = "<name>", description = "Name of the ActiveDocs.")
    String name;

    @Option(names = "--skip-swagger-validations", paramLabel = "true|false", defaultValue = "true",
            description = "Skip validating the OpenAPI document: true or false (default: true).")
    String skipValidations;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        if (hide && publish) {
            throw new CliException("--hide and --publish exclude each other");
        }
        if (!skipValidations.equals("true") && !skipValidations.equals("false")) {
            throw new CliException("--skip-swagger-validations: expected true or false, got '" + skipValidations + "'");
        }
        ObjectNode body = Documents.JSON.createObjectNode().put("skip_swagger_validations",
                Boolean.parseBoolean(skipValidations));
        if (specification != null) {
            body.put("body", Specs.json(inputs(), specification));
        }
        if (description != null) {
            body.put("description", description);
        }
        if (name != null) {
            body.put("name", name);
        }
        if (hide || publish) {
            body.put("published", publish);
        }
        try (AdminClient client = connect(remote)) {
            if (service != null) {
                body.put("service_id", Refs.id(client.services().require(service)));
            }
            Optional<JsonNode> existing = client.activeDocs().find(ref);
            JsonNode result;
            if (existing.isPresent()) {
                result = client.activeDocs().update(Refs.id(existing.get()), body);
            } else {
                if (specification == null) {
                    throw new CliException("ActiveDocs " + ref + " not found; to create them give --openapi-spec");
                }
                body.put("system_name", ref);
                if (!body.has("name")) {
                    body.put("name", ref);
                }
                result = client.activeDocs().create(body);
            }
            printer(output).result("Applied ActiveDocs id: " + Refs.id(result), result);
        }
    }
}
