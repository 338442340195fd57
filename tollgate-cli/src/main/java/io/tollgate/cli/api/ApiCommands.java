package io.tollgate.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.cli.CommandGroup;
import io.tollgate.cli.Printer.Column;
import io.tollgate.cli.ToolboxVersion;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code tollgate api}: API instances, products placed on a registered gateway and a listener port. */
@Command(name = "api", versionProvider = ToolboxVersion.class,
        description = "Manage APIs on gateways (a product on a registered gateway and port): create, list, show,"
                + " update, delete, policy.",
        subcommands = {CreateApiCommand.class, ListApisCommand.class, ShowApiCommand.class, UpdateApiCommand.class,
                DeleteApiCommand.class, ApiPolicyCommands.class})
public final class ApiCommands extends CommandGroup {
    static final List<Column> LIST = List.of(Column.of("ID", "id"), Column.of("NAME", "name"),
            Column.of("GATEWAY", "gateway"), Column.of("ENVIRONMENT", "environment"), Column.of("PORT", "port"),
            Column.of("SCHEME", "scheme"), Column.of("UPSTREAM", "upstream"),
            new Column("POLICIES", ApiCommands::policies));
    static final List<Column> SHOW;

    static {
        List<Column> show = new ArrayList<>(LIST);
        show.add(Column.of("PROXY_CONFIG_VERSION", "proxy_config_version"));
        show.add(Column.of("CREATED_AT", "created_at"));
        show.add(Column.of("UPDATED_AT", "updated_at"));
        SHOW = List.copyOf(show);
    }

    /** The policy names, comma-separated, or "(none)". */
    static String policies(JsonNode api) {
        List<String> names = new ArrayList<>();
        api.path("policies").forEach(p -> names.add(p.path("policy").asText()));
        return names.isEmpty() ? "(none)" : String.join(",", names);
    }

    /** "edge (production), port 8081". */
    static String placement(JsonNode api) {
        return api.path("gateway").asText() + " (" + api.path("environment").asText() + "), port "
                + api.path("port").asInt();
    }
}
