package io.tollgate.cli.policies;

import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.Outputs;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.Refs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate policies export [-f file] [-o json|yaml] <remote> <product>}: YAML by default; read-only. */
@Command(name = "export", description = "Export the policy chain of a product (YAML unless -o json).")
public final class ExportPoliciesCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<product>")
    String product;

    @Option(names = {"-f", "--file"}, paramLabel = "<file>", description = "Write to file instead of stdout.")
    String file;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            var chain = client.proxies().policies(Refs.id(client.services().require(product)));
            String text = output.format() == OutputFormat.Format.json ? Documents.json(chain) + System.lineSeparator()
                    : Documents.yaml(chain);
            Outputs.write(out(), file, text);
        }
    }
}
