package io.tollgate.cli.product;

import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.product.ProductCopier;
import io.tollgate.client.product.ProductImporter;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate product copy -s <source> -d <destination> [-t target_system_name] <product>}:
 * creates or updates the copy; missing metrics and methods are created, mapping rules replaced,
 * plans, limits, pricing rules, policies, backends and ActiveDocs copied.
 */
@Command(name = "copy", description = "Copy a product to another remote (or the same, with -t).")
public final class CopyProductCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<source_product>")
    String product;

    @Option(names = {"-s", "--source"}, required = true, paramLabel = "<remote>", description = "Source remote (name or URL).")
    String source;

    @Option(names = {"-d", "--destination"}, required = true, paramLabel = "<remote>",
            description = "Destination remote (name or URL).")
    String destination;

    @Option(names = {"-t", "--target_system_name"}, paramLabel = "<system_name>",
            description = "System name of the copy (default: the source's).")
    String targetSystemName;

    @Override
    protected void run() {
        try (AdminClient from = connect(source); AdminClient to = connect(destination)) {
            ProductCopier.Result result = new ProductCopier(from, to, Clock.systemUTC())
                    .copyProduct(product, targetSystemName, ProductImporter.Options.COPY);
            out().println("Product copied: id " + result.productId() + "; ActiveDocs copied: " + result.activeDocs());
            out().print(Documents.yaml(result.report()));
        }
    }
}
