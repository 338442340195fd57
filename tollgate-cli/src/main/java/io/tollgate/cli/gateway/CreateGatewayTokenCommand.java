package io.tollgate.cli.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate gateway token create <remote> [--environment production|staging]}: mints a
 * one-time registration token (valid 4 hours by default) and prints the command that registers a
 * gateway with it.
 */
@Command(name = "create", description = {"Create a one-time gateway registration token and print the"
        + " 'tollgate registration create' command to run where the gateway is installed."})
public final class CreateGatewayTokenCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Option(names = "--environment", paramLabel = "production|staging", defaultValue = "production",
            description = "Environment the gateway will serve (default production).")
    String environment;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            JsonNode token = client.gateways().mintToken(environment);
            printer(output).result("Registration token for organization " + token.path("organization").asText()
                    + " (" + token.path("environment").asText() + "), valid until "
                    + token.path("expires_at").asText() + ". Run, replacing <gateway-name>:"
                    + System.lineSeparator() + token.path("command").asText(), token);
        }
    }
}
