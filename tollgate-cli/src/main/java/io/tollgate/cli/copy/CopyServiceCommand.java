package io.tollgate.cli.copy;

import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.Refs;
import io.tollgate.client.product.ProductCopier;
import io.tollgate.client.product.ProductImporter;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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
            long sourceId = Refs.id(from.services().require(service));
            CustomPolicies.requireAt(to, from.proxies().policies(sourceId), m -> err().println("tollgate: warning: " + m));
            ProductCopier.Result result = new ProductCopier(from, to, Clock.systemUTC())
                    .copyProduct(String.valueOf(sourceId), targetSystemName, ProductImporter.Options.IMPORT);
            out().println("Service copied: id " + result.productId() + "; ActiveDocs copied: " + result.activeDocs());
            out().print(Documents.yaml(result.report()));
        }
    }
}
