package io.tollgate.cli.activedocs;

import io.tollgate.cli.CommandGroup;
import io.tollgate.cli.Printer.Column;
import io.tollgate.cli.ToolboxVersion;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code tollgate activedocs}: OpenAPI documents of the tenant. */
@Command(name = "activedocs", versionProvider = ToolboxVersion.class,
        description = "Manage ActiveDocs (OpenAPI documents): create, apply, list, delete.",
        subcommands = {CreateActiveDocsCommand.class, ApplyActiveDocsCommand.class, ListActiveDocsCommand.class,
                DeleteActiveDocsCommand.class})
public final class ActiveDocsCommands extends CommandGroup {
    static final List<Column> COLUMNS = List.of(Column.of("ID", "id"), Column.of("NAME", "name"),
            Column.of("SYSTEM_NAME", "system_name"), Column.of("SERVICE_ID", "service_id"),
            Column.of("PUBLISHED", "published"), Column.of("SKIP_SWAGGER_VALIDATIONS", "skip_swagger_validations"),
            Column.of("CREATED_AT", "created_at"), Column.of("UPDATED_AT", "updated_at"));
}
