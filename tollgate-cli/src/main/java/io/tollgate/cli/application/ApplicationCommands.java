package io.tollgate.cli.application;

import io.tollgate.cli.CommandGroup;
import io.tollgate.cli.Printer.Column;
import io.tollgate.cli.ToolboxVersion;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code tollgate application}: applications of developer accounts. An application reference is its
 * user key, its app id (client id), or its internal id.
 */
@Command(name = "application", versionProvider = ToolboxVersion.class,
        description = "Manage applications: list, create, show, apply, delete.",
        subcommands = {ListApplicationsCommand.class, CreateApplicationCommand.class, ShowApplicationCommand.class,
                ApplyApplicationCommand.class, DeleteApplicationCommand.class})
public final class ApplicationCommands extends CommandGroup {
    static final List<Column> COLUMNS = List.of(Column.of("ID", "id"), Column.of("NAME", "name"),
            Column.of("STATE", "state"), Column.of("ENABLED", "enabled"), Column.of("ACCOUNT_ID", "account_id"),
            Column.of("SERVICE_ID", "service_id"), Column.of("PLAN_ID", "plan_id"));
}
