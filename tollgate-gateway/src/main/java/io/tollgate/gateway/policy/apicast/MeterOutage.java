package io.tollgate.gateway.policy.apicast;

import io.tollgate.gateway.meter.Authorization;
import io.tollgate.gateway.pipeline.Exchange;

/**
 * What the {@code apicast} policy does when the meter cannot answer. The {@code caching} policy puts
 * its mode on the exchange under {@link ApicastPolicy#OUTAGE}; without one the request is refused
 * (503), as in the {@code strict} and {@code none} modes.
 */
public interface MeterOutage {

    /** Remembers an answer the meter gave (for resilient and allow modes). */
    void remember(Exchange exchange, Authorization authorization);

    /**
     * The decision to take while the meter is unavailable: an {@link Authorization} to act on
     * (authorized lets the request through unmetered), or null to refuse with 503.
     */
    Authorization whileUnavailable(Exchange exchange);
}
