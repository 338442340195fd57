package io.tollgate.cli.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ServiceScopedCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Disabling;
import io.tollgate.client.Refs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate application-plan create <remote> <service> <plan-name>}: hidden and enabled unless told. */
@Command(name = "create", description = "Create an application plan.")
public final class CreateApplicationPlanCommand extends ServiceScopedCommand {
    @Parameters(index = "2", paramLabel = "<plan-name>")
    String name;

    @Option(names = {"-t", "--system-name"}, paramLabel = "<system_name>", description = "System name of the plan.")
    String systemName;

    @Option(names = {"-p", "--published"}, description = "Publish the application plan.")
    boolean published;

    @Option(names = "--disabled", description = "Disable all methods and metrics in the application plan.")
    boolean disabled;

    @Mixin
    PlanFields fields;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        ObjectNode body = fields.toJson().put("name", name);
        if (systemName != null) {
            body.put("system_name", systemName);
        }
        if (published) {
            body.put("state_event", "publish");
        }
        try (AdminClient client = connect(remote)) {
            long serviceId = serviceId(client);
            JsonNode plan = client.plans(serviceId).create(body);
            if (fields.makeDefault) {
                plan = client.plans(serviceId).makeDefault(Refs.id(plan));
            }
            if (disabled) {
                Disabling.disablePlan(client, serviceId, Refs.id(plan));
            }
            printer(output).result("Created application plan id: " + Refs.id(plan) + ". Default: " + fields.makeDefault
                    + "; Disabled: " + disabled, plan);
        }
    }
}
