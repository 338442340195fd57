package io.tollgate.model;

import java.time.Instant;
import java.util.Map;

/**
 * A product (3scale "service"): what developers subscribe to.
 *
 * @param backendVersion authentication mode: "1" (user_key), "2" (app_id/app_key) or "oidc"
 * @param annotations    free-form key/value pairs (e.g. "managed_by")
 * @param referrerFiltersRequired whether calls must carry a referrer matching the application's filters
 */
public record Product(
        long id,
        long accountId,
        String name,
        String systemName,
        String description,
        String state,
        String backendVersion,
        String deploymentOption,
        String supportEmail,
        Map<String, String> annotations,
        Instant createdAt,
        Instant updatedAt,
        boolean referrerFiltersRequired) {

    /** A product that does not require referrer filters (the default). */
    public Product(long id, long accountId, String name, String systemName, String description, String state,
            String backendVersion, String deploymentOption, String supportEmail, Map<String, String> annotations,
            Instant createdAt, Instant updatedAt) {
        this(id, accountId, name, systemName, description, state, backendVersion, deploymentOption, supportEmail,
                annotations, createdAt, updatedAt, false);
    }
}
