package io.tollgate.cli.connectedapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate connected-app create <remote> --name=N [--scopes=…]}: creates a connected app and
 * prints its client id and, this once, its secret.
 */
@Command(name = "create", description = {"Create a connected app. Its client secret is printed this once only; "
        + "the control plane keeps a digest."})
public final class CreateConnectedAppCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Option(names = "--name", required = true, paramLabel = "<name>", description = "What the app is for.")
    String name;

    @Option(names = "--scopes", split = ",", paramLabel = "<scope>",
            defaultValue = "read_servers,manage_servers,view_organization",
            description = "read_servers, manage_servers, view_organization (default: all three, what renewal "
                    + "needs).")
    List<String> scopes;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            JsonNode app = client.connectedApps().create(name, scopes);
            String nl = System.lineSeparator();
            printer(output).result("Connected app " + app.path("name").asText() + " (id " + app.path("id").asText()
                    + ") created. Keep the secret now: it is not shown again." + nl
                    + "client id:     " + app.path("client_id").asText() + nl
                    + "client secret: " + app.path("client_secret").asText(), app);
        }
    }
}
