package io.tollgate.server.api;

import io.tollgate.server.http.Access;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;
import io.tollgate.server.meter.MeterReplicator;

/**
 * {@code POST /master/api/meter/resync}: rebuilds the meter's configuration from the system database
 * and publishes it before answering (after restoring a backup, or when a meter's replica is in
 * doubt). Master credentials only; {@code tollgate admin resync} calls it.
 */
public final class MeterResource implements Routes.Resource {
    /** The resync route; it publishes by itself, so it is no change to replicate. */
    public static final String RESYNC = "/master/api/meter/resync";

    private final MeterReplicator replicator;

    public MeterResource(MeterReplicator replicator) {
        this.replicator = replicator;
    }

    @Override
    public void register(Routes routes) {
        routes.add("POST", RESYNC, Access.writing().forMaster(), r -> {
            MeterReplicator.Published published = replicator.publishNow();
            return ApiResponse.ok(Representation.wrap("resync", Representation.object()
                    .put("version", published.version())
                    .put("tenants", published.tenants())
                    .put("services", published.services())
                    .put("plans", published.plans())
                    .put("applications", published.applications())));
        });
    }
}
