package io.tollgate.cli.imports;

import io.tollgate.cli.CommandGroup;
import io.tollgate.cli.ToolboxVersion;
import picocli.CommandLine.Command;

/** {@code tollgate import}: products from CSV or OpenAPI. */
@Command(name = "import", versionProvider = ToolboxVersion.class,
        description = "Import products from a CSV file or an OpenAPI document.",
        subcommands = {ImportCsvCommand.class, ImportOpenApiCommand.class})
public final class ImportCommands extends CommandGroup {
}
