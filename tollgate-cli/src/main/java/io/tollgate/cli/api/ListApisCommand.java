package io.tollgate.cli.api;

import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate api list <remote> [--gateway=G] [-o json|yaml]}. */
@Command(name = "list", description = "List APIs on gateways: gateway, environment, port, scheme, upstream,"
        + " policies.")
public final class ListApisCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Option(names = "--gateway", paramLabel = "<gateway>", description = "Only the APIs of this gateway (name or id).")
    String gateway;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            printer(output).list(client.gatewayApis().list(gateway), ApiCommands.LIST);
        }
    }
}
