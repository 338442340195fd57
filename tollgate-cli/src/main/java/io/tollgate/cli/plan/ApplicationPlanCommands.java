package io.tollgate.cli.plan;

import io.tollgate.cli.CommandGroup;
import io.tollgate.cli.Printer.Column;
import io.tollgate.cli.ToolboxVersion;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code tollgate application-plan}: application plans of a product. */
@Command(name = "application-plan", versionProvider = ToolboxVersion.class,
        description = "Manage application plans: create, apply, list, show, delete, export, import.",
        subcommands = {CreateApplicationPlanCommand.class, ApplyApplicationPlanCommand.class,
                ListApplicationPlansCommand.class, ShowApplicationPlanCommand.class,
                DeleteApplicationPlanCommand.class, ExportApplicationPlanCommand.class,
                ImportApplicationPlanCommand.class})
public final class ApplicationPlanCommands extends CommandGroup {
    static final List<Column> LIST = List.of(Column.of("ID", "id"), Column.of("NAME", "name"),
            Column.of("SYSTEM_NAME", "system_name"));
    static final List<Column> SHOW = List.of(Column.of("ID", "id"), Column.of("NAME", "name"),
            Column.of("SYSTEM_NAME", "system_name"), Column.of("STATE", "state"), Column.of("DEFAULT", "default"),
            Column.of("APPROVAL_REQUIRED", "approval_required"), Column.of("COST_PER_MONTH", "cost_per_month"),
            Column.of("SETUP_FEE", "setup_fee"), Column.of("TRIAL_PERIOD_DAYS", "trial_period_days"));
}
