package io.tollgate.cli.remote;

import io.tollgate.cli.CliConfig;
import io.tollgate.cli.CliException;
import io.tollgate.cli.ToolboxCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tollgate remote rename <old_name> <new_name>}. */
@Command(name = "rename", description = "Rename a remote.")
public final class RenameRemoteCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<old_name>")
    String from;

    @Parameters(index = "1", paramLabel = "<new_name>")
    String to;

    @Override
    protected void run() {
        CliConfig config = config();
        if (config.remote(from).isEmpty()) {
            throw new CliException("remote '" + from + "' is not in " + config.file());
        }
        if (config.remote(to).isPresent()) {
            throw new CliException("remote '" + to + "' already exists in " + config.file());
        }
        config.rename(from, to);
        config.save();
    }
}
