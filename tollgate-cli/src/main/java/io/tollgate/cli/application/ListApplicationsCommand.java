package io.tollgate.cli.application;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cli.CliException;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.NotFoundException;
import io.tollgate.client.Refs;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate application list <remote> [--account a] [--service s [--plan p]]}. */
@Command(name = "list", description = "List applications.")
public final class ListApplicationsCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Option(names = "--account", paramLabel = "<account>", description = "Filter by account.")
    String account;

    @Option(names = "--service", paramLabel = "<service>", description = "Filter by product.")
    String service;

    @Option(names = "--plan", paramLabel = "<plan>", description = "Filter by application plan (needs --service).")
    String plan;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        if (plan != null && service == null) {
            throw new CliException("--plan needs --service (a plan reference is looked up within its product)");
        }
        try (AdminClient client = connect(remote)) {
            Long serviceId = service == null ? null : Refs.id(client.services().require(service));
            Long planId = plan == null ? null : Refs.id(client.plans(serviceId).find(plan).orElseThrow(
                    () -> new NotFoundException("application plan " + plan + " not found in product " + service)));
            List<JsonNode> applications;
            if (account != null) {
                long accountId = Refs.id(client.accounts().require(account));
                applications = client.applications().ofAccountList(accountId).stream()
                        .filter(a -> serviceId == null || a.path("service_id").asLong() == serviceId)
                        .filter(a -> planId == null || a.path("plan_id").asLong() == planId).toList();
            } else {
                applications = client.applications().list(serviceId, planId);
            }
            printer(output).list(applications, ApplicationCommands.COLUMNS);
        }
    }
}
