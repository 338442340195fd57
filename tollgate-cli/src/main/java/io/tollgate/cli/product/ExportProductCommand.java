package io.tollgate.cli.product;

import io.tollgate.cli.Outputs;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.product.ProductExporter;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate product export [-f file] <remote> <product>}: a YAML List of Product and Backend; read-only. */
@Command(name = "export", description = "Export a product and its backends as a YAML List of Product and Backend resources.")
public final class ExportProductCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<product>")
    String product;

    @Option(names = {"-f", "--file"}, paramLabel = "<file>", description = "Write to file instead of stdout.")
    String file;

    @Override
    protected void run() throws Exception {
        try (AdminClient client = connect(remote)) {
            var exported = new ProductExporter(client, Clock.systemUTC(), version())
                    .export(client.services().require(product));
            Outputs.write(out(), file, Documents.yaml(exported));
        }
    }

    private String version() throws Exception {
        String[] lines = spec.versionProvider() == null ? new String[0] : spec.versionProvider().getVersion();
        String first = lines.length == 0 ? "tollgate development" : lines[0];
        return first.startsWith("tollgate ") ? first.substring("tollgate ".length()) : first;
    }
}
