package io.tollgate.cli.remote;

import io.tollgate.cli.CliConfig;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.Remote;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code tollgate remote list}: one line per remote, {@code <name> <url> <key>}. */
@Command(name = "list", description = "List remotes as <name> <url> <key>.")
public final class ListRemotesCommand extends ToolboxCommand {
    @Override
    protected void run() {
        CliConfig config = config();
        boolean any = false;
        for (Map.Entry<String, Remote> entry : config.entries()) {
            out().println(entry.getKey() + " " + entry.getValue().endpoint() + " " + entry.getValue().token());
            any = true;
        }
        if (!any) {
            out().println("Empty remote list.");
        }
    }
}
