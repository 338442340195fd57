package io.tollgate.cli.remote;

import io.tollgate.cli.CliConfig;
import io.tollgate.cli.CliException;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.ApiException;
import io.tollgate.client.Remote;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate remote add <name> <url>}: checks that the URL's token is accepted (it lists
 * developer accounts, as the 3scale toolbox does) before saving it.
 */
@Command(name = "add", description = "Add a remote: tollgate remote add <name> http[s]://<token>@<host>[:port]")
public final class AddRemoteCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<name>", description = "Short name for the remote.")
    String name;

    @Parameters(index = "1", paramLabel = "<url>", description = "http[s]://<access token or provider key>@<host>[:port]")
    String url;

    @Override
    protected void run() {
        CliConfig config = config();
        if (config.remote(name).isPresent()) {
            throw new CliException("remote '" + name + "' already exists in " + config.file());
        }
        if (!Remote.isUrl(url)) {
            throw new CliException("remote url: expected http[s]://<token>@<host>, got '" + redact(url) + "'");
        }
        Remote remote = remote(url);
        try (AdminClient client = new AdminClient(remote, tls())) {
            client.get("/admin/api/accounts", Map.of("per_page", "1"));
        } catch (ApiException e) {
            if (e.status() == 403) {
                throw new CliException("remote not valid: " + remote + " refused the token (HTTP 403)", e);
            }
            throw e;
        }
        config.put(name, remote);
        config.save();
    }
}
