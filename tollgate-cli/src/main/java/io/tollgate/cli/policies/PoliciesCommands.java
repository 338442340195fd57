package io.tollgate.cli.policies;

import io.tollgate.cli.CommandGroup;
import io.tollgate.cli.ToolboxVersion;
import picocli.CommandLine.Command;

/** {@code tollgate policies}: a product's policy chain. */
@Command(name = "policies", versionProvider = ToolboxVersion.class,
        description = "Export and import the policy chain of a product.",
        subcommands = {ExportPoliciesCommand.class, ImportPoliciesCommand.class})
public final class PoliciesCommands extends CommandGroup {
}
