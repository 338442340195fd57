package io.tollgate.cli.proxyconfig;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Refs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tollgate proxy-config deploy <remote> <service>}: a new sandbox version from the current settings. */
@Command(name = "deploy", description = "Deploy the product's current configuration to sandbox (staging).")
public final class DeployProxyConfigCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<service>")
    String service;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            long serviceId = Refs.id(client.services().require(service));
            JsonNode proxy = client.proxies().deploy(serviceId);
            long version = client.proxies().latest(serviceId, "sandbox").map(c -> c.path("version").asLong()).orElse(0L);
            printer(output).result("Deployed proxy configuration version " + version + " to sandbox", proxy);
        }
    }
}
