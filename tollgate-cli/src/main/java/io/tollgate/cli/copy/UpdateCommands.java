package io.tollgate.cli.copy;

import io.tollgate.cli.CommandGroup;
import io.tollgate.cli.ToolboxVersion;
import picocli.CommandLine.Command;

/** {@code tollgate update}: deprecated, use {@code copy} or {@code product copy}. */
@Command(name = "update", versionProvider = ToolboxVersion.class,
        description = "[DEPRECATED] Update a service from another one; use 'copy service' or 'product copy'.",
        subcommands = UpdateServiceCommand.class)
public final class UpdateCommands extends CommandGroup {
}
