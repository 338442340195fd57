package io.tollgate.cli.service;

import io.tollgate.cli.CommandGroup;
import io.tollgate.cli.Printer.Column;
import io.tollgate.cli.ToolboxVersion;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code tollgate service}: products (3scale "services"). */
@Command(name = "service", versionProvider = ToolboxVersion.class,
        description = "Manage products (services): create, apply, list, show, delete.",
        subcommands = {CreateServiceCommand.class, ApplyServiceCommand.class, ListServicesCommand.class,
                ShowServiceCommand.class, DeleteServiceCommand.class})
public final class ServiceCommands extends CommandGroup {
    static final List<Column> LIST = List.of(Column.of("ID", "id"), Column.of("NAME", "name"),
            Column.of("SYSTEM_NAME", "system_name"));
    static final List<Column> SHOW = List.of(Column.of("ID", "id"), Column.of("NAME", "name"),
            Column.of("STATE", "state"), Column.of("SYSTEM_NAME", "system_name"),
            Column.of("BACKEND_VERSION", "backend_version"), Column.of("DEPLOYMENT_OPTION", "deployment_option"),
            Column.of("SUPPORT_EMAIL", "support_email"), Column.of("DESCRIPTION", "description"),
            Column.of("CREATED_AT", "created_at"), Column.of("UPDATED_AT", "updated_at"));
}
