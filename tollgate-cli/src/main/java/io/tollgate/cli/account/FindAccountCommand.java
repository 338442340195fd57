package io.tollgate.cli.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.Printer;
import io.tollgate.cli.Printer.Column;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.client.AdminClient;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate account find <remote> <text>}: by id, or a user's email, username or user id. */
@Command(name = "find", description = "Find an account by id, or by the email, username or user id of one of its users.")
public final class FindAccountCommand extends ToolboxCommand {
    private static final List<Column> COLUMNS = List.of(Column.of("ID", "id"), Column.of("ORG_NAME", "org_name"),
            Column.of("STATE", "state"), Column.of("CREATED_AT", "created_at"));

    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Parameters(index = "1", paramLabel = "<text>")
    String text;

    @Option(names = {"-a", "--print-all"}, description = "Print every field of the account (YAML unless -o json).")
    boolean printAll;

    @Mixin
    OutputFormat output;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            Optional<JsonNode> account = client.accounts().find(text);
            if (account.isEmpty()) {
                out().println("Account not found");
                return;
            }
            Printer printer = printer(output);
            if (printAll) {
                printer.document(account.get());
            } else {
                printer.entity(account.get(), COLUMNS);
            }
        }
    }
}
