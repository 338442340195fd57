package io.tollgate.cli.proxyconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.Printer;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate proxy-config export <remote> [--environment sandbox|production]}: the latest
 * configuration of every product as one gateway configuration file, {@code {"services":[…]}} (JSON
 * unless {@code -o yaml}), for gateways that are not connected to the control plane.
 */
@Command(name = "export", description = "Export the latest proxy configuration of every product as a gateway config file.")
public final class ExportProxyConfigCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Option(names = "--environment", paramLabel = "sandbox|production", defaultValue = "sandbox",
            description = "Gateway environment (default: sandbox).")
    String environment;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        String env = ProxyConfigCommands.environment(environment);
        try (AdminClient client = connect(remote)) {
            ObjectNode file = Documents.JSON.createObjectNode();
            ArrayNode services = file.putArray("services");
            for (JsonNode config : client.proxies().accountConfigs(env)) {
                services.add(config.path("content"));
            }
            new Printer(out(), output.format() == null ? OutputFormat.Format.json : output.format()).document(file);
        }
    }
}
