package io.tollgate.cli.imports;

import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.csv.CsvImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tollgate import csv --destination=<remote> --file=<csv>}. */
@Command(name = "csv", description = "Create services, metrics, methods and mapping rules from a CSV file.")
public final class ImportCsvCommand extends ToolboxCommand {
    @Option(names = {"-d", "--destination"}, required = true, paramLabel = "<remote>", description = "Destination remote.")
    String destination;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "<file>",
            description = "CSV with the header " + "service_name,endpoint_name,endpoint_http_method,endpoint_path,"
                    + "auth_mode,endpoint_system_name,type")
    String file;

    @Override
    protected void run() {
        String text = inputs().read(file);
        try (AdminClient client = connect(destination)) {
            CsvImporter.Result result = new CsvImporter(client).importCsv(text, file);
            out().println("Created " + result.services() + " services, " + result.metrics() + " metrics, "
                    + result.methods() + " methods and " + result.mappingRules() + " mapping rules");
        }
    }
}
