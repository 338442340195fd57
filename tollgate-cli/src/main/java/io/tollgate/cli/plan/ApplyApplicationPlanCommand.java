package io.tollgate.cli.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.cli.CliException;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ServiceScopedCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Disabling;
import io.tollgate.client.Plans;
import io.tollgate.client.Refs;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate application-plan apply <remote> <service> <plan>}: update, or create with the reference as system name. */
@Command(name = "apply", description = "Create or update an application plan (idempotent).")
public final class ApplyApplicationPlanCommand extends ServiceScopedCommand {
    @Parameters(index = "2", paramLabel = "<plan>")
    String ref;

    @Option(names = {"-n", "--name"}, paramLabel = "<name>", description = "Name of the plan.")
    String name;

    @Option(names = {"-p", "--publish"}, description = "Publish the application plan.")
    boolean publish;

    @Option(names = "--hide", description = "Hide the application plan.")
    boolean hide;

    @Option(names = "--disabled", description = "Disable all methods and metrics in the application plan.")
    boolean disabled;

    @Option(names = "--enabled", description = "Enable the application plan.")
    boolean enabled;

    @Mixin
    PlanFields fields;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        if (publish && hide) {
            throw new CliException("--publish and --hide exclude each other");
        }
        if (disabled && enabled) {
            throw new CliException("--disabled and --enabled exclude each other");
        }
        ObjectNode body = fields.toJson();
        if (name != null) {
            body.put("name", name);
        }
        if (publish || hide) {
            body.put("state_event", publish ? "publish" : "hide");
        }
        try (AdminClient client = connect(remote)) {
            long serviceId = serviceId(client);
            Plans plans = client.plans(serviceId);
            Optional<JsonNode> existing = plans.find(ref);
            JsonNode plan;
            if (existing.isPresent()) {
                plan = body.isEmpty() ? existing.get() : plans.update(Refs.id(existing.get()), body);
            } else {
                body.put("system_name", ref);
                if (!body.has("name")) {
                    body.put("name", ref);
                }
                plan = plans.create(body);
            }
            if (fields.makeDefault) {
                plan = plans.makeDefault(Refs.id(plan));
            }
            if (disabled) {
                Disabling.disablePlan(client, serviceId, Refs.id(plan));
            } else if (enabled) {
                Disabling.enablePlan(client, serviceId, Refs.id(plan));
            }
            printer(output).result("Applied application plan id: " + Refs.id(plan) + (fields.makeDefault ? "; Default" : "")
                    + (disabled ? "; Disabled" : enabled ? "; Enabled" : ""), plan);
        }
    }
}
