package io.tollgate.cli.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cli.Outputs;
import io.tollgate.cli.ServiceScopedCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.NotFoundException;
import io.tollgate.client.plan.PlanExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate application-plan export [-f file] <remote> <service> <plan>}: YAML, read-only. */
@Command(name = "export", description = "Export an application plan (limits, pricing rules, features, metrics) as YAML.")
public final class ExportApplicationPlanCommand extends ServiceScopedCommand {
    @Parameters(index = "2", paramLabel = "<plan>")
    String ref;

    @Option(names = {"-f", "--file"}, paramLabel = "<file>", description = "Write to file instead of stdout.")
    String file;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            long serviceId = serviceId(client);
            JsonNode plan = client.plans(serviceId).find(ref).orElseThrow(() -> new NotFoundException(
                    "application plan " + ref + " not found in product " + service));
            Outputs.write(out(), file, Documents.yaml(new PlanExporter(client).export(serviceId, plan)));
        }
    }
}
