package io.tollgate.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A toolbox command group ({@code service}, {@code metric} …): carries the global options, prints its usage. */
@picocli.CommandLine.Command(versionProvider = ToolboxVersion.class)
public abstract class CommandGroup implements Runnable {
    @Spec
    protected CommandSpec spec;

    @Mixin
    ToolboxOptions options;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
