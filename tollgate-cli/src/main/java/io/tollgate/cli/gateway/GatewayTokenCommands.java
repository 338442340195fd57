package io.tollgate.cli.gateway;

import io.tollgate.cli.CommandGroup;
import io.tollgate.cli.ToolboxVersion;
import picocli.CommandLine.Command;

/** {@code tollgate gateway token}: one-time gateway registration tokens. */
@Command(name = "token", versionProvider = ToolboxVersion.class,
        description = "Gateway registration tokens: create.",
        subcommands = {CreateGatewayTokenCommand.class})
public final class GatewayTokenCommands extends CommandGroup {
}
