package io.tollgate.cli.copy;

import com.fasterxml.jackson.databind.JsonNode;
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
 * {@code tollgate update service [-f] [-r] -s <source> -d <destination> <src_service> <dst_service>}:
 * deprecated (a warning on stderr). Copies settings, proxy, metrics, methods, plans, limits and mapping
 * rules into an existing service; {@code -f} deletes the target's mapping rules first (the rules end up
 * exactly the source's), {@code -r} copies only the mapping rules.
 */
@Command(name = "service", description = "[DEPRECATED] Update an existing service from another one.")
public final class UpdateServiceCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<src_service_id>")
    String sourceService;

    @Parameters(index = "1", paramLabel = "<dst_service_id>")
    String targetService;

    @Option(names = {"-s", "--source"}, required = true, paramLabel = "<remote>", description = "Source remote.")
    String source;

    @Option(names = {"-d", "--destination"}, required = true, paramLabel = "<remote>", description = "Destination remote.")
    String destination;

    @Option(names = {"-f", "--force"}, description = "Delete the target's mapping rules before copying.")
    boolean force;

    @Option(names = {"-r", "--rules-only"}, description = "Copy only the mapping rules.")
    boolean rulesOnly;

    @Override
    protected void run() {
        err().println("tollgate: warning: 'update service' is deprecated; use 'tollgate copy service' or"
                + " 'tollgate product copy'");
        try (AdminClient from = connect(source); AdminClient to = connect(destination)) {
            long sourceId = Refs.id(from.services().require(sourceService));
            JsonNode target = to.services().require(targetService);
            ProductImporter.Options options = new ProductImporter.Options(
                    force ? ProductImporter.RuleMode.REPLACE : ProductImporter.RuleMode.ADD_MISSING, rulesOnly);
            ProductCopier.Result result = new ProductCopier(from, to, Clock.systemUTC())
                    .copyProduct(String.valueOf(sourceId), target.path("system_name").asText(), options);
            out().println("Service updated: id " + result.productId());
            out().print(Documents.yaml(result.report()));
        }
    }
}
