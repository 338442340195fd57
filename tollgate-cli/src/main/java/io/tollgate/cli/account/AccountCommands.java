package io.tollgate.cli.account;

import io.tollgate.cli.CommandGroup;
import io.tollgate.cli.ToolboxVersion;
import picocli.CommandLine.Command;

/** {@code tollgate account}: developer accounts. */
@Command(name = "account", versionProvider = ToolboxVersion.class, description = "Find developer accounts.",
        subcommands = FindAccountCommand.class)
public final class AccountCommands extends CommandGroup {
}
