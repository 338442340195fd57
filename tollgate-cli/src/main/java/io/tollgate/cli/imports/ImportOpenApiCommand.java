package io.tollgate.cli.imports;

import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.openapi.OpenApiImporter;
import io.tollgate.client.openapi.OpenApiSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate import openapi [-d remote] [-t system_name] [options] <file|url|->}: validates the
 * document (OpenAPI 2.0, 3.0, 3.1) before changing anything, then creates or updates the product.
 */
@Command(name = "openapi", description = "Create or update a product from an OpenAPI 2.0/3.0/3.1 document.")
public final class ImportOpenApiCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<specification>", description = "A file, an http(s) URL, or '-' for stdin.")
    String specification;

    @Option(names = {"-d", "--destination"}, required = true, paramLabel = "<remote>", description = "Destination remote.")
    String destination;

    @Option(names = {"-t", "--target_system_name"}, paramLabel = "<system_name>",
            description = "System name of the product (default: from info.title).")
    String targetSystemName;

    @Option(names = "--override-private-base-url", paramLabel = "<url>",
            description = "Private base URL of the API (default: from the document's host or first server).")
    String privateBaseUrl;

    @Option(names = "--production-public-base-url", paramLabel = "<url>", description = "Production public base URL.")
    String productionPublicBaseUrl;

    @Option(names = "--staging-public-base-url", paramLabel = "<url>", description = "Staging public base URL.")
    String stagingPublicBaseUrl;

    @Option(names = "--backend-api-secret-token", paramLabel = "<token>",
            description = "Secret token the gateway sends to the API.")
    String secretToken;

    @Option(names = "--backend-api-host-header", paramLabel = "<host>", description = "Host header the gateway sends to the API.")
    String hostHeader;

    @Option(names = "--default-credentials-userkey", paramLabel = "<key>",
            description = "For a document without security: the user key of the default_credentials policy.")
    String defaultCredentialsUserKey;

    @Option(names = "--prefix-matching", description = "Mapping rules match path prefixes (default: exact, with $).")
    boolean prefixMatching;

    @Override
    protected void run() {
        String source = specification.equals("-") ? "stdin" : specification;
        OpenApiSpec spec = OpenApiSpec.parse(inputs().read(specification), source);
        try (AdminClient client = connect(destination)) {
            OpenApiImporter.Result result = new OpenApiImporter(client).importSpec(spec, new OpenApiImporter.Options(
                    targetSystemName, privateBaseUrl, productionPublicBaseUrl, stagingPublicBaseUrl, secretToken,
                    hostHeader, defaultCredentialsUserKey, prefixMatching));
            out().println((result.productCreated() ? "Created" : "Updated") + " product id: " + result.productId());
            out().println("Methods: " + result.methodsCreated() + " created, " + result.methodsUpdated() + " updated;"
                    + " mapping rules: " + (result.mappingRulesCreated() == 0 ? "unchanged"
                    : result.mappingRulesCreated() + " (replaced)") + "; ActiveDocs: "
                    + (result.activeDocsChanged() ? "saved" : "unchanged"));
        }
    }
}
