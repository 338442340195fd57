package io.tollgate.cli.remote;

import io.tollgate.cli.CliConfig;
import io.tollgate.cli.CliException;
import io.tollgate.cli.ToolboxCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tollgate remote remove <name>}. */
@Command(name = "remove", description = "Remove a remote.")
public final class RemoveRemoteCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<name>")
    String name;

    @Override
    protected void run() {
        CliConfig config = config();
        if (!config.remove(name)) {
            throw new CliException("remote '" + name + "' is not in " + config.file());
        }
        config.save();
    }
}
