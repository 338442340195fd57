package io.tollgate.model;

import java.time.Instant;

/**
 * An application of a developer account, subscribed to one application plan of a product. State
 * is {@code pending}, {@code live} or {@code suspended}; credentials are a {@code userKey}
 * (backend version 1) or an {@code appId} with keys (version 2 and OIDC, where the app id is the
 * client id).
 *
 * @param accountId the tenant
 * @param buyerAccountId the developer account owning the application
 */
public record Application(
        long id,
        long accountId,
        long buyerAccountId,
        long serviceId,
        long planId,
        String name,
        String description,
        String state,
        String userKey,
        String appId,
        String redirectUrl,
        Instant createdAt,
        Instant updatedAt) {

    public static final String PENDING = "pending";
    public static final String LIVE = "live";
    public static final String SUSPENDED = "suspended";
}
