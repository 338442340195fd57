package io.tollgate.cli.method;

import io.tollgate.cli.CommandGroup;
import io.tollgate.cli.Printer.Column;
import io.tollgate.cli.ToolboxVersion;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code tollgate method}: methods of a product (children of its hits metric). */
@Command(name = "method", versionProvider = ToolboxVersion.class,
        description = "Manage the methods of a product: create, apply, list, delete.",
        subcommands = {CreateMethodCommand.class, ApplyMethodCommand.class, ListMethodsCommand.class,
                DeleteMethodCommand.class})
public final class MethodCommands extends CommandGroup {
    static final List<Column> COLUMNS = List.of(Column.of("ID", "id"), Column.of("FRIENDLY_NAME", "friendly_name"),
            Column.of("SYSTEM_NAME", "system_name"), Column.of("DESCRIPTION", "description"));
}
