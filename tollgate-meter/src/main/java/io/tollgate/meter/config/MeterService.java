package io.tollgate.meter.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

/**
 * A service (product) as the meter sees it.
 *
 * @param id the service id
 * @param tenantId the owning tenant
 * @param backendVersion authentication mode: {@code "1"} (user_key), {@code "2"} (app_id/app_key),
 *     {@code "oauth"} or {@code "oidc"}
 * @param active whether the service accepts calls (a deleted or suspended one does not)
 * @param serviceTokenDigests SHA-256 hex digests of the service's valid service tokens
 * @param referrerFiltersRequired whether applications must pass a referrer matching their filters
 * @param metrics every metric and method, product and backend ones
 */
public record MeterService(long id, long tenantId, String backendVersion, boolean active,
        Set<String> serviceTokenDigests, boolean referrerFiltersRequired, List<MeterMetric> metrics) {

    /** Copies the collections. */
    public MeterService {
        requireNonNull(backendVersion, "backendVersion");
        serviceTokenDigests = Set.copyOf(requireNonNull(serviceTokenDigests, "serviceTokenDigests"));
        metrics = List.copyOf(requireNonNull(metrics, "metrics"));
    }
}
