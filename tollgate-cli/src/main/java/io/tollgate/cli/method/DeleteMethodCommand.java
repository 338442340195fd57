package io.tollgate.cli.method;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cli.ServiceScopedCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Metrics;
import io.tollgate.client.NotFoundException;
import io.tollgate.client.Refs;
import io.tollgate.model.Owner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tollgate method delete <remote> <service> <method>}. */
@Command(name = "delete", description = "Delete a method.")
public final class DeleteMethodCommand extends ServiceScopedCommand {
    @Parameters(index = "2", paramLabel = "<method>")
    String ref;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            Metrics metrics = client.metrics(Owner.product(serviceId(client)));
            JsonNode method = metrics.findMethod(ref)
                    .orElseThrow(() -> new NotFoundException("method " + ref + " not found in product " + service));
            metrics.deleteMethod(method.path("parent_id").asLong(), Refs.id(method));
            out().println("Method id: " + Refs.id(method) + " deleted");
        }
    }
}
