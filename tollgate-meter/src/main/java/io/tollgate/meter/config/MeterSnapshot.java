package io.tollgate.meter.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Everything the meter needs, as plain lists: what the server builds from the system DB and what
 * travels (as JSON) to meters in other processes. {@link MeterImage#of} indexes it.
 *
 * @param version increases with every snapshot the server publishes (epoch millis of the build)
 * @param tenants every tenant
 * @param services every service
 * @param plans every application plan
 * @param apps every application
 */
public record MeterSnapshot(long version, List<MeterTenant> tenants, List<MeterService> services,
        List<MeterPlan> plans, List<MeterApp> apps) {

    /** Copies the lists. */
    public MeterSnapshot {
        tenants = List.copyOf(requireNonNull(tenants, "tenants"));
        services = List.copyOf(requireNonNull(services, "services"));
        plans = List.copyOf(requireNonNull(plans, "plans"));
        apps = List.copyOf(requireNonNull(apps, "apps"));
    }

    /** A snapshot with nothing in it: every call is refused until the first real one arrives. */
    public static MeterSnapshot empty() {
        return new MeterSnapshot(0, List.of(), List.of(), List.of(), List.of());
    }
}
