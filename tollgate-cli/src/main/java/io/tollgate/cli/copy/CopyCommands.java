package io.tollgate.cli.copy;

import io.tollgate.cli.CommandGroup;
import io.tollgate.cli.ToolboxVersion;
import picocli.CommandLine.Command;

/** {@code tollgate copy}: copy a service with its ActiveDocs. */
@Command(name = "copy", versionProvider = ToolboxVersion.class, description = "Copy a service (product).",
        subcommands = CopyServiceCommand.class)
public final class CopyCommands extends CommandGroup {
}
