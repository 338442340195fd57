package io.tollgate.meter.config;

import static java.util.Objects.requireNonNull;

/**
 * A tenant as the meter sees it: how a legacy {@code provider_key} call is authenticated and which
 * service it means when it names none.
 *
 * @param id the tenant (provider account) id
 * @param providerKeyDigest SHA-256 hex of the provider key ({@link io.tollgate.common.Secrets#sha256})
 * @param defaultServiceId the service used when a provider_key call has no service_id; 0 if none
 * @param active whether the tenant may use the API (a suspended tenant's keys are invalid)
 */
public record MeterTenant(long id, String providerKeyDigest, long defaultServiceId, boolean active) {
    /** Checks the digest is present. */
    public MeterTenant {
        requireNonNull(providerKeyDigest, "providerKeyDigest");
    }
}
