package io.tollgate.gateway.meter;

import io.tollgate.gateway.config.ProductConfig;
import io.tollgate.gateway.credentials.AppCredentials;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Authorize-and-report for the gateway: the meter in this process ({@link InProcessMeter}) or a
 * Service Management API over HTTP. A stage never completes exceptionally: a
 * meter that cannot be reached is {@link Authorization.Outcome#UNAVAILABLE}.
 */
public interface GatewayMeter {

    /**
     * @param product the product (its id and service token)
     * @param credentials the application's credentials
     * @param usage metric system name → units, as the mapping rules summed them
     * @param referrer the request's Referer, or null
     */
    CompletionStage<Authorization> authrep(ProductConfig product, AppCredentials credentials, Map<String, Long> usage,
            String referrer);
}
