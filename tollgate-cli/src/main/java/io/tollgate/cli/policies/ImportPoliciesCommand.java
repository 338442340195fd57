package io.tollgate.cli.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tollgate.cli.CliException;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Documents;
import io.tollgate.client.Refs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate policies import [-f file | -u url] <remote> <product>}: replaces the chain with the
 * document's (SET semantics); JSON or YAML, a list or {@code {"policies_config": [...]}}; stdin by
 * default. The server validates the entries.
 */
@Command(name = "import", description = "Replace the policy chain of a product with a file, a URL or stdin.")
public final class ImportPoliciesCommand extends ToolboxCommand {
    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<product>")
    String product;

    @Option(names = {"-f", "--file"}, paramLabel = "<file>", description = "Read from file (or URL).")
    String file;

    @Option(names = {"-u", "--url"}, paramLabel = "<url>", description = "Read from URL.")
    String url;

    @Override
    protected void run() {
        if (file != null && url != null) {
            throw new CliException("--file and --url exclude each other");
        }
        String source = file != null ? file : url;
        JsonNode doc = Documents.parse(inputs().read(source), source == null ? "stdin" : source);
        JsonNode chain = doc.isObject() && doc.has("policies_config") ? doc.get("policies_config") : doc;
        if (!(chain instanceof ArrayNode array)) {
            throw new CliException((source == null ? "stdin" : source)
                    + ": expected a list of policies (or an object with policies_config)");
        }
        try (AdminClient client = connect(remote)) {
            long serviceId = Refs.id(client.services().require(product));
            ArrayNode result = client.proxies().replacePolicies(serviceId, array);
            out().println("Policy chain of product " + serviceId + " replaced: " + result.size() + " policies");
        }
    }
}
