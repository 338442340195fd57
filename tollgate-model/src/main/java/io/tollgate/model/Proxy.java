package io.tollgate.model;

import java.time.Instant;
import java.util.List;

/**
 * The gateway-facing settings of one product: public endpoints, credentials, gateway responses,
 * the policy chain and the OIDC flows. {@code lockVersion} increases on every change.
 */
public record Proxy(
        long id,
        long accountId,
        long serviceId,
        ProxySettings settings,
        List<PolicyConfig> policiesConfig,
        OidcConfiguration oidcConfiguration,
        long lockVersion,
        Instant createdAt,
        Instant updatedAt) {
}
