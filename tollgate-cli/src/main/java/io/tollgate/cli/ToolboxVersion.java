package io.tollgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code -v/--version} on a toolbox command prints what {@code tollgate --version} prints. */
public final class ToolboxVersion implements CommandLine.IVersionProvider {
    @Spec
    CommandSpec spec;

    @Override
    public String[] getVersion() throws Exception {
        CommandSpec root = spec == null ? null : spec.root();
        if (root != null && root != spec && root.versionProvider() != null
                && !(root.versionProvider() instanceof ToolboxVersion)) {
            return root.versionProvider().getVersion();
        }
        String version = ToolboxVersion.class.getPackage().getImplementationVersion();
        return new String[] {"tollgate " + (version == null ? "development" : version)};
    }
}
