package io.tollgate.gateway.meter;

import io.tollgate.gateway.config.ProductConfig;
import io.tollgate.gateway.credentials.AppCredentials;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The meter of a gateway that has none configured: every metered request is
 * {@link Authorization.Outcome#UNAVAILABLE} (503 unless the product's {@code caching} policy says
 * otherwise). Products without the {@code apicast} policy never ask it.
 */
public final class NoMeter implements GatewayMeter {
    public static final NoMeter INSTANCE = new NoMeter();
    private static final CompletionStage<Authorization> UNAVAILABLE = CompletableFuture.completedFuture(
            Authorization.of(Authorization.Outcome.UNAVAILABLE, "no_meter"));

    private NoMeter() {
    }

    @Override
    public CompletionStage<Authorization> authrep(ProductConfig product, AppCredentials credentials,
            Map<String, Long> usage, String referrer) {
        return UNAVAILABLE;
    }
}
