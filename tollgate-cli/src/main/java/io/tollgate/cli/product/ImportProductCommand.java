package io.tollgate.cli.product;

import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.Printer;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.product.ProductImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate product import [-f file] [-o json|yaml] <remote>}: idempotent; prints the report of
 * what was missing and created (JSON unless {@code -o yaml}). Reads stdin unless {@code -f}.
 */
@Command(name = "import", description = "Import a product (YAML List of Product and Backend) from a file or stdin.")
public final class ImportProductCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Option(names = {"-f", "--file"}, paramLabel = "<file>", description = "Read from file instead of stdin.")
    String file;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        var document = Documents.parse(inputs().read(file), file == null ? "stdin" : file);
        try (AdminClient client = connect(remote)) {
            var result = new ProductImporter(client).importDocument(document, ProductImporter.Options.IMPORT);
            new Printer(out(), output.format() == null ? OutputFormat.Format.json : output.format())
                    .document(result.report());
        }
    }
}
