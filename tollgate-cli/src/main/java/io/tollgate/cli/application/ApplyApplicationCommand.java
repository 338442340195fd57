package io.tollgate.cli.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.cli.CliException;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.NotFoundException;
import io.tollgate.client.Refs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate application apply <remote> <application>}: updates name, description and redirect
 * URL, suspends or resumes; creates the application when none matches (then {@code --account},
 * {@code --service}, {@code --plan} and {@code --name} are needed, and the reference becomes its user
 * key or app id). Moving an existing application to another account, product or plan is not what
 * apply does: it says so and changes nothing.
 */
@Command(name = "apply", description = "Create or update an application (idempotent).")
public final class ApplyApplicationCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<application>", description = "User key, app id or id.")
    String ref;

    @Option(names = "--account", paramLabel = "<account>", description = "Application's account. Required when creating.")
    String account;

    @Option(names = "--service", paramLabel = "<service>", description = "Application's product. Required when creating.")
    String service;

    @Option(names = "--plan", paramLabel = "<plan>", description = "Application's plan. Required when creating.")
    String plan;

    @Option(names = "--name", paramLabel = "<name>", description = "Application name.")
    String name;

    @Option(names = "--description", paramLabel = "<text>", description = "Application description.")
    String description;

    @Option(names = "--user-key", paramLabel = "<key>", description = "User key, when creating.")
    String userKey;

    @Option(names = "--application-key", paramLabel = "<key>", description = "App key or client secret, when creating.")
    String applicationKey;

    @Option(names = "--redirect-url", paramLabel = "<url>", description = "OpenID Connect redirect URL.")
    String redirectUrl;

    @Option(names = "--resume", description = "Resume a suspended application.")
    boolean resume;

    @Option(names = "--suspend", description = "Suspend the application.")
    boolean suspend;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        if (resume && suspend) {
            throw new CliException("--resume and --suspend exclude each other");
        }
        try (AdminClient client = connect(remote)) {
            Long serviceId = service == null ? null : Refs.id(client.services().require(service));
            Optional<JsonNode> existing = client.applications().find(ref, serviceId);
            JsonNode application = existing.isPresent() ? update(client, existing.get(), serviceId)
                    : create(client, serviceId);
            long accountId = application.path("account_id").asLong();
            if (resume && !"live".equals(application.path("state").asText())) {
                application = client.applications().resume(accountId, Refs.id(application));
            } else if (suspend && !"suspended".equals(application.path("state").asText())) {
                application = client.applications().suspend(accountId, Refs.id(application));
            }
            printer(output).result("Applied application id: " + Refs.id(application), application);
        }
    }

    private JsonNode update(AdminClient client, JsonNode application, Long serviceId) {
        List<String> moves = new ArrayList<>();
        if (account != null && Refs.id(client.accounts().require(account)) != application.path("account_id").asLong()) {
            moves.add("account");
        }
        if (serviceId != null && serviceId != application.path("service_id").asLong()) {
            moves.add("service");
        }
        if (plan != null) {
            long productId = serviceId != null ? serviceId : application.path("service_id").asLong();
            long planId = Refs.id(client.plans(productId).find(plan).orElseThrow(
                    () -> new NotFoundException("application plan " + plan + " not found")));
            if (planId != application.path("plan_id").asLong()) {
                moves.add("plan");
            }
        }
        if (!moves.isEmpty()) {
            throw new CliException("application apply cannot change the " + String.join(", ", moves)
                    + " of existing application " + Refs.id(application) + "; nothing was changed");
        }
        ObjectNode body = Documents.JSON.createObjectNode();
        CreateApplicationCommand.put(body, "name", name);
        CreateApplicationCommand.put(body, "description", description);
        CreateApplicationCommand.put(body, "redirect_url", redirectUrl);
        return body.isEmpty() ? application
                : client.applications().update(application.path("account_id").asLong(), Refs.id(application), body);
    }

    private JsonNode create(AdminClient client, Long serviceId) {
        if (account == null || serviceId == null || plan == null || name == null) {
            throw new CliException("application " + ref + " not found; to create it give --account, --service, --plan"
                    + " and --name");
        }
        long accountId = Refs.id(client.accounts().require(account));
        JsonNode product = client.services().get(serviceId);
        long planId = Refs.id(client.plans(serviceId).find(plan).orElseThrow(
                () -> new NotFoundException("application plan " + plan + " not found in product " + service)));
        ObjectNode body = Documents.JSON.createObjectNode().put("plan_id", planId).put("name", name);
        CreateApplicationCommand.put(body, "description", description);
        CreateApplicationCommand.put(body, "redirect_url", redirectUrl);
        CreateApplicationCommand.put(body, "application_key", applicationKey);
        if ("1".equals(product.path("backend_version").asText())) {
            body.put("user_key", userKey != null ? userKey : ref);
        } else {
            body.put("application_id", ref);
        }
        return client.applications().create(accountId, body);
    }
}
