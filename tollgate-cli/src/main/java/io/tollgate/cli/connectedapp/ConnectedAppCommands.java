package io.tollgate.cli.connectedapp;

import io.tollgate.cli.CommandGroup;
import io.tollgate.cli.Printer.Column;
import io.tollgate.cli.ToolboxVersion;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code tollgate connected-app}: client credentials for unattended gateway certificate renewal. */
@Command(name = "connected-app", versionProvider = ToolboxVersion.class,
        description = "Connected apps (client id and secret with scopes, for 'tollgate registration renew "
                + "--client-id/--client-secret'): create, list, delete.",
        subcommands = {CreateConnectedAppCommand.class, ListConnectedAppsCommand.class,
                DeleteConnectedAppCommand.class})
public final class ConnectedAppCommands extends CommandGroup {
    static final List<Column> COLUMNS = List.of(Column.of("ID", "id"), Column.of("NAME", "name"),
            Column.of("CLIENT_ID", "client_id"), new Column("SCOPES", app -> {
                List<String> scopes = new java.util.ArrayList<>();
                app.path("scopes").forEach(s -> scopes.add(s.asText()));
                return scopes.isEmpty() ? "(none)" : String.join(",", scopes);
            }), Column.of("CREATED_AT", "created_at"));
}
