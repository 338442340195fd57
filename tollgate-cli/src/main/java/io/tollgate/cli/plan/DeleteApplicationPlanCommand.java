package io.tollgate.cli.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cli.ServiceScopedCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.NotFoundException;
import io.tollgate.client.Refs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tollgate application-plan delete <remote> <service> <plan>}: refused while applications use it. */
@Command(name = "delete", description = "Delete an application plan.")
public final class DeleteApplicationPlanCommand extends ServiceScopedCommand {
    @Parameters(index = "2", paramLabel = "<plan>")
    String ref;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            long serviceId = serviceId(client);
            JsonNode plan = client.plans(serviceId).find(ref).orElseThrow(() -> new NotFoundException(
                    "application plan " + ref + " not found in product " + service));
            client.plans(serviceId).delete(Refs.id(plan));
            out().println("Application plan id: " + Refs.id(plan) + " deleted");
        }
    }
}
