package io.tollgate.cli.product;

import io.tollgate.cli.CommandGroup;
import io.tollgate.cli.ToolboxVersion;
import picocli.CommandLine.Command;

/** {@code tollgate backend}: backends. */
@Command(name = "backend", versionProvider = ToolboxVersion.class, description = "Copy backends.",
        subcommands = CopyBackendCommand.class)
public final class BackendCommands extends CommandGroup {
}
