package io.tollgate.cli.remote;

import io.tollgate.cli.CommandGroup;
import io.tollgate.cli.ToolboxVersion;
import picocli.CommandLine.Command;

/** {@code tollgate remote}: named admin API endpoints with their tokens, kept in the configuration file. */
@Command(name = "remote", versionProvider = ToolboxVersion.class,
        description = "Manage remotes: named admin API URLs with their access tokens.",
        subcommands = {AddRemoteCommand.class, ListRemotesCommand.class, RemoveRemoteCommand.class,
                RenameRemoteCommand.class})
public final class RemoteCommands extends CommandGroup {
}
