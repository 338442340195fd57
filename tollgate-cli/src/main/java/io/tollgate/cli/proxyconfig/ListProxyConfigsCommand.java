package io.tollgate.cli.proxyconfig;

import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ServiceScopedCommand;
import io.tollgate.client.AdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tollgate proxy-config list <remote> <service> <environment>}: oldest first. */
@Command(name = "list", description = "List the proxy configuration versions of a product in an environment.")
public final class ListProxyConfigsCommand extends ServiceScopedCommand {
    @Parameters(index = "2", paramLabel = "<environment>", description = "sandbox or production")
    String environment;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        String env = ProxyConfigCommands.environment(environment);
        try (AdminClient client = connect(remote)) {
            long serviceId = serviceId(client);
            printer(output).list(client.proxies().configs(serviceId, env), ProxyConfigCommands.COLUMNS);
        }
    }
}
