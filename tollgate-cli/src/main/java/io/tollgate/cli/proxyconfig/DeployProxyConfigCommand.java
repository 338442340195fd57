package io.tollgate.cli.proxyconfig;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ServiceScopedCommand;
import io.tollgate.client.AdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tollgate proxy-config deploy <remote> <service>}: a new sandbox version from the current settings. */
@Command(name = "deploy", description = "Deploy the product's current configuration to sandbox (staging).")
public final class DeployProxyConfigCommand extends ServiceScopedCommand {
    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            long serviceId = serviceId(client);
            JsonNode proxy = client.proxies().deploy(serviceId);
            long version = client.proxies().latest(serviceId, "sandbox").map(c -> c.path("version").asLong()).orElse(0L);
            printer(output).result("Deployed proxy configuration version " + version + " to sandbox", proxy);
        }
    }
}
