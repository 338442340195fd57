package io.tollgate.cli.proxyconfig;

import io.tollgate.cli.CliException;
import io.tollgate.cli.CommandGroup;
import io.tollgate.cli.Printer.Column;
import io.tollgate.cli.ToolboxVersion;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code tollgate proxy-config}: the versioned gateway configurations of products. */
@Command(name = "proxy-config", versionProvider = ToolboxVersion.class,
        description = "Proxy configurations: list, show, promote, export, deploy.",
        subcommands = {ListProxyConfigsCommand.class, ShowProxyConfigCommand.class, PromoteProxyConfigCommand.class,
                ExportProxyConfigCommand.class, DeployProxyConfigCommand.class})
public final class ProxyConfigCommands extends CommandGroup {
    static final List<Column> COLUMNS = List.of(Column.of("ID", "id"), Column.of("VERSION", "version"),
            Column.of("ENVIRONMENT", "environment"), Column.of("CREATED_AT", "created_at"));
    static final List<String> ENVIRONMENTS = List.of("sandbox", "production", "staging");

    static String environment(String value) {
        if (!ENVIRONMENTS.contains(value)) {
            throw new CliException("environment: expected sandbox or production, got '" + value + "'");
        }
        return value.equals("staging") ? "sandbox" : value;
    }
}
