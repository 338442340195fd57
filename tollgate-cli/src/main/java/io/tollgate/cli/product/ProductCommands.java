package io.tollgate.cli.product;

import io.tollgate.cli.CommandGroup;
import io.tollgate.cli.ToolboxVersion;
import picocli.CommandLine.Command;

/** {@code tollgate product}: whole products as Product/Backend resources. */
@Command(name = "product", versionProvider = ToolboxVersion.class,
        description = "Export, import and copy products with their backends.",
        subcommands = {ExportProductCommand.class, ImportProductCommand.class, CopyProductCommand.class})
public final class ProductCommands extends CommandGroup {
}
