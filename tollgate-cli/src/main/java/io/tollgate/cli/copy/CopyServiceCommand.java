package io.tollgate.cli.copy;

import io.tollgate.cli.CopyOptions;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.Refs;
import io.tollgate.client.product.ProductCopier;
import io.tollgate.client.product.ProductImporter;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate copy service -s <source> -d <destination> [-t target_system_name] <service>}: a new
 * or updated copy with settings, metrics, methods, plans, limits, pricing, policies, backends and
 * ActiveDocs; mapping rules the copy lacks are added. Custom policies must already be in the
 * destination's registry.
 */
@Command(name = "service", description = "Copy a service with its ActiveDocs to another remote (or the same, with -t).")
public final class CopyServiceCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<service>")
    String service;

    @Mixin
    CopyOptions copy;

    @Override
    protected void run() {
        try (AdminClient from = connect(copy.source); AdminClient to = connect(copy.destination)) {
            long sourceId = Refs.id(from.services().require(service));
            CustomPolicies.requireAt(to, from.proxies().policies(sourceId), m -> err().println("tollgate: warning: " + m));
            ProductCopier.Result result = new ProductCopier(from, to, Clock.systemUTC())
                    .copyProduct(String.valueOf(sourceId), copy.targetSystemName, ProductImporter.Options.IMPORT);
            out().println("Service copied: id " + result.productId() + "; ActiveDocs copied: " + result.activeDocs());
            out().print(Documents.yaml(result.report()));
        }
    }
}
