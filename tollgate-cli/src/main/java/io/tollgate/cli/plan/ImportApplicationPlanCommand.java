package io.tollgate.cli.plan;

import io.tollgate.cli.ServiceScopedCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.plan.PlanImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tollgate application-plan import [-f file|url] [-p plan] <remote> <service>}: stdin by default. */
@Command(name = "import", description = "Import an application plan from a file, a URL or stdin.")
public final class ImportApplicationPlanCommand extends ServiceScopedCommand {
    @Option(names = {"-f", "--file"}, paramLabel = "<file_or_url>", description = "Read from file or URL instead of stdin.")
    String file;

    @Option(names = {"-p", "--plan"}, paramLabel = "<plan>", description = "Override application plan reference.")
    String plan;

    @Override
    protected void run() {
        String source = file == null ? "stdin" : file;
        var document = Documents.parse(inputs().read(file), source);
        try (AdminClient client = connect(remote)) {
            long serviceId = serviceId(client);
            PlanImporter.Result result = new PlanImporter(client).importPlan(serviceId, document, plan);
            out().println("Application plan " + (result.planCreated() ? "created" : "updated") + ": "
                    + result.planId());
            out().println("Missing " + result.metricsCreated() + " metrics and " + result.methodsCreated()
                    + " methods created");
            out().println("Limits: " + result.limitsCreated() + " created, " + result.limitsDeleted() + " deleted");
            out().println("Pricing rules: " + result.pricingRulesCreated() + " created, "
                    + result.pricingRulesDeleted() + " deleted");
            out().println("Features added to the plan: " + result.featuresAdded());
        }
    }
}
