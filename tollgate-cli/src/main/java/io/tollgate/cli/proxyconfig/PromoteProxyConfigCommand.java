package io.tollgate.cli.proxyconfig;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cli.ServiceScopedCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.NotFoundException;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code tollgate proxy-config promote <remote> <service>}: the latest sandbox version to production,
 * unless production already serves that content.
 */
@Command(name = "promote", description = "Promote the latest sandbox proxy configuration to production.")
public final class PromoteProxyConfigCommand extends ServiceScopedCommand {
    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            long serviceId = serviceId(client);
            JsonNode sandbox = client.proxies().latest(serviceId, "sandbox").orElseThrow(() -> new NotFoundException(
                    "product " + service + " has no sandbox proxy configuration to promote (deploy first)"));
            Optional<JsonNode> production = client.proxies().latest(serviceId, "production");
            long version = sandbox.path("version").asLong();
            if (production.isPresent() && production.get().path("content").equals(sandbox.path("content"))) {
                out().println("Proxy configuration version " + version + " is already in production");
                return;
            }
            JsonNode promoted = client.proxies().promote(serviceId, version);
            out().println("Proxy configuration version " + version + " promoted to production (production version "
                    + promoted.path("version").asLong() + ")");
        }
    }
}
