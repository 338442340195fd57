package io.tollgate.cli.metric;

import io.tollgate.cli.CommandGroup;
import io.tollgate.cli.Printer.Column;
import io.tollgate.cli.ToolboxVersion;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code tollgate metric}: metrics of a product. */
@Command(name = "metric", versionProvider = ToolboxVersion.class,
        description = "Manage the metrics of a product: create, apply, list, delete.",
        subcommands = {CreateMetricCommand.class, ApplyMetricCommand.class, ListMetricsCommand.class,
                DeleteMetricCommand.class})
public final class MetricCommands extends CommandGroup {
    static final List<Column> COLUMNS = List.of(Column.of("ID", "id"), Column.of("FRIENDLY_NAME", "friendly_name"),
            Column.of("SYSTEM_NAME", "system_name"), Column.of("UNIT", "unit"), Column.of("DESCRIPTION", "description"));
}
