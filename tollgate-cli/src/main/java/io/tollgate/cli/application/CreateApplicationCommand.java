package io.tollgate.cli.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.NotFoundException;
import io.tollgate.client.Refs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate application create <remote> <account> <service> <plan> <name>}. */
@Command(name = "create", description = "Create an application of an account on a plan.")
public final class CreateApplicationCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<account>",
            description = "Account id, or the username, email or user id of one of its users.")
    String account;

    @Parameters(index = "2", paramLabel = "<service>")
    String service;

    @Parameters(index = "3", paramLabel = "<application-plan>")
    String plan;

    @Parameters(index = "4", paramLabel = "<name>")
    String name;

    @Option(names = "--user-key", paramLabel = "<key>", description = "User key (API key) of the application.")
    String userKey;

    @Option(names = "--application-id", paramLabel = "<id>", description = "App id or client id (OAuth/OIDC).")
    String applicationId;

    @Option(names = "--application-key", paramLabel = "<key>", description = "App key or client secret (OAuth/OIDC).")
    String applicationKey;

    @Option(names = "--description", paramLabel = "<text>", description = "Application description.")
    String description;

    @Option(names = "--redirect-url", paramLabel = "<url>", description = "OpenID Connect redirect URL.")
    String redirectUrl;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            long accountId = Refs.id(client.accounts().require(account));
            long serviceId = Refs.id(client.services().require(service));
            JsonNode planNode = client.plans(serviceId).find(plan).orElseThrow(() -> new NotFoundException(
                    "application plan " + plan + " not found in product " + service));
            ObjectNode body = Documents.JSON.createObjectNode().put("plan_id", Refs.id(planNode)).put("name", name);
            put(body, "description", description);
            put(body, "user_key", userKey);
            put(body, "application_id", applicationId);
            put(body, "application_key", applicationKey);
            put(body, "redirect_url", redirectUrl);
            JsonNode created = client.applications().create(accountId, body);
            printer(output).result("Created application id: " + Refs.id(created), created);
        }
    }

    static void put(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
