package io.tollgate.cli.api;

import io.tollgate.cli.ToolboxVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate api policy}: the policies of an API on a gateway. Not a {@link io.tollgate.cli.CommandGroup}:
 * it sits inside one, whose global options it inherits (mixing them in again would declare them twice).
 */
@Command(name = "policy", versionProvider = ToolboxVersion.class,
        description = "Policies of an API on a gateway (http-basic-authentication, or a builtin policy name):"
                + " add, update, remove. Each change deploys.",
        subcommands = {AddApiPolicyCommand.class, UpdateApiPolicyCommand.class, RemoveApiPolicyCommand.class})
public final class ApiPolicyCommands implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
