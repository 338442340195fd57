package io.tollgate.cli.policies;

import io.tollgate.cli.CommandGroup;
import io.tollgate.cli.ToolboxVersion;
import picocli.CommandLine.Command;

/** {@code tollgate policy-registry}: custom policies of a tenant. */
@Command(name = "policy-registry", versionProvider = ToolboxVersion.class,
        description = "Copy the custom policies of one tenant to another.", subcommands = CopyPolicyRegistryCommand.class)
public final class PolicyRegistryCommands extends CommandGroup {
}
