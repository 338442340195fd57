package io.tollgate.cli.metric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.cli.CliException;
import io.tollgate.client.AdminClient;
import io.tollgate.client.Disabling;
import io.tollgate.client.Metrics;
import io.tollgate.client.Refs;
import io.tollgate.model.Owner;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What {@code metric apply} and {@code method apply} share: update the metric or method the reference
 * names, or create it with the reference as system name (and as friendly name unless given); then
 * disable or enable it in every plan ({@code --disabled}, {@code --enabled}).
 */
public final class MetricApply {
    @Option(names = "--disabled", description = "Disable it in all application plans (an eternity limit of 0).")
    boolean disabled;

    @Option(names = "--enabled", description = "Enable it in all application plans (remove that limit).")
    boolean enabled;

    /** The metric ({@code method} false) or method, as it is after the apply. */
    public JsonNode apply(AdminClient client, long serviceId, String ref, ObjectNode fields, boolean method) {
        if (disabled && enabled) {
            throw new CliException("--disabled and --enabled exclude each other");
        }
        Metrics metrics = client.metrics(Owner.product(serviceId));
        Optional<JsonNode> existing = method ? metrics.findMethod(ref) : metrics.findMetric(ref);
        long hits = method ? Refs.id(metrics.hits()) : 0;
        JsonNode result;
        if (existing.isPresent()) {
            long id = Refs.id(existing.get());
            result = fields.isEmpty() ? existing.get()
                    : method ? metrics.updateMethod(hits, id, fields) : metrics.updateMetric(id, fields);
        } else {
            fields.put("system_name", ref);
            if (!fields.has("friendly_name")) {
                fields.put("friendly_name", ref);
            }
            if (!method && !fields.has("unit")) {
                fields.put("unit", "hit");
            }
            result = method ? metrics.createMethod(hits, fields) : metrics.createMetric(fields);
        }
        if (disabled) {
            Disabling.disableEverywhere(client, serviceId, Refs.id(result));
        } else if (enabled) {
            Disabling.enableEverywhere(client, serviceId, Refs.id(result));
        }
        return result;
    }

    /** "; Disabled", "; Enabled" or nothing, for the result line. */
    public String outcome() {
        return disabled ? "; Disabled" : enabled ? "; Enabled" : "";
    }
}
