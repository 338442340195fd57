package io.tollgate.cli.product;

import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.product.ProductCopier;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate backend copy -s <source> -d <destination> [-t target_system_name] <backend>}:
 * creates or updates the copy; missing metrics and methods are created, mapping rules replaced.
 */
@Command(name = "copy", description = "Copy a backend to another remote (or the same, with -t).")
public final class CopyBackendCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<source_backend>")
    String backend;

    @Option(names = {"-s", "--source"}, required = true, paramLabel = "<remote>", description = "Source remote.")
    String source;

    @Option(names = {"-d", "--destination"}, required = true, paramLabel = "<remote>", description = "Destination remote.")
    String destination;

    @Option(names = {"-t", "--target_system_name"}, paramLabel = "<system_name>",
            description = "System name of the copy (default: the source's).")
    String targetSystemName;

    @Override
    protected void run() {
        try (AdminClient from = connect(source); AdminClient to = connect(destination)) {
            var result = new ProductCopier(from, to, Clock.systemUTC()).copyBackend(backend, targetSystemName);
            out().println("Backend copied: id " + result.backendId());
            out().print(Documents.yaml(result.report()));
        }
    }
}
