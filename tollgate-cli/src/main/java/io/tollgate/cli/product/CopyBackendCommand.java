package io.tollgate.cli.product;

import io.tollgate.cli.CopyOptions;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.product.ProductCopier;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate backend copy -s <source> -d <destination> [-t target_system_name] <backend>}:
 * creates or updates the copy; missing metrics and methods are created, mapping rules replaced.
 */
@Command(name = "copy", description = "Copy a backend to another remote (or the same, with -t).")
public final class CopyBackendCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<source_backend>")
    String backend;

    @Mixin
    CopyOptions copy;

    @Override
    protected void run() {
        try (AdminClient from = connect(copy.source); AdminClient to = connect(copy.destination)) {
            var result = new ProductCopier(from, to, Clock.systemUTC()).copyBackend(backend, copy.targetSystemName);
            out().println("Backend copied: id " + result.backendId());
            out().print(Documents.yaml(result.report()));
        }
    }
}
