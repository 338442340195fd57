package io.tollgate.cli.proxyconfig;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ServiceScopedCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.NotFoundException;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate proxy-config show <remote> <service> <environment> [--config-version N]}: latest by default. */
@Command(name = "show", description = "Show a proxy configuration (the latest unless --config-version).")
public final class ShowProxyConfigCommand extends ServiceScopedCommand {
    @Parameters(index = "2", paramLabel = "<environment>", description = "sandbox or production")
    String environment;

    @Option(names = "--config-version", paramLabel = "<version>", description = "The version (default: latest).")
    Long version;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        String env = ProxyConfigCommands.environment(environment);
        try (AdminClient client = connect(remote)) {
            long serviceId = serviceId(client);
            Optional<JsonNode> config = version == null ? client.proxies().latest(serviceId, env)
                    : client.proxies().config(serviceId, env, version);
            printer(output).entity(config.orElseThrow(() -> new NotFoundException("product " + service + " has no "
                    + env + " proxy configuration" + (version == null ? "" : " version " + version))),
                    ProxyConfigCommands.COLUMNS);
        }
    }
}
