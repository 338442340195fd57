package io.tollgate.cli.product;

import io.tollgate.cli.CopyOptions;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.product.ProductCopier;
import io.tollgate.client.product.ProductImporter;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    CopyOptions copy;

    @Override
    protected void run() {
        try (AdminClient from = connect(copy.source); AdminClient to = connect(copy.destination)) {
            ProductCopier.Result result = new ProductCopier(from, to, Clock.systemUTC())
                    .copyProduct(product, copy.targetSystemName, ProductImporter.Options.COPY);
            out().println("Product copied: id " + result.productId() + "; ActiveDocs copied: " + result.activeDocs());
            out().print(Documents.yaml(result.report()));
        }
    }
}
