package io.tollgate.cli.gateway;

import io.tollgate.cli.OutputFormat;
import io.tollgate.cli.Printer.Column;
import io.tollgate.cli.ToolboxCommand;
import io.tollgate.cli.ToolboxOptions;
import io.tollgate.client.AdminClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate gateway list <remote> [--environment …]}: the registry with each gateway's status. */
@Command(name = "list", description = "List registered gateways: status (Connected/Disconnected), version,"
        + " certificate expiry.")
public final class ListGatewaysCommand extends ToolboxCommand {
    static final List<Column> COLUMNS = List.of(Column.of("ID", "id"), Column.of("NAME", "name"),
            Column.of("ENVIRONMENT", "environment"), Column.of("STATUS", "status"), Column.of("VERSION", "version"),
            Column.of("CERTIFICATE_EXPIRES_AT", "certificate_expires_at"), Column.of("LAST_SEEN_AT", "last_seen_at"));

    @Parameters(index = "0", paramLabel = "<remote>")
    String remote;

    @Option(names = "--environment", paramLabel = "production|staging",
            description = "Only gateways of this environment (default: all).")
    String environment;

    @Mixin
    OutputFormat output;

    @Mixin
    ToolboxOptions options;

    @Override
    protected void run() {
        try (AdminClient client = connect(remote)) {
            printer(output).list(client.gateways().list(environment), COLUMNS);
        }
    }
}
