package io.tollgate.gateway.credentials;

import io.tollgate.gateway.config.ProductConfig.BackendVersion;
import io.tollgate.gateway.config.ProductConfig.ClaimType;
import io.tollgate.gateway.config.ProductConfig.CredentialsLocation;
import io.tollgate.gateway.config.ProductConfig.CredentialsSettings;

/** Extractors as a product's configuration makes them, for the extractor tests. */
final class Extractors {
    static final String ISSUER = "https://idp.example.com/realms/shop";

    private Extractors() {
    }

    /** The default parameter names: {@code user_key}, {@code app_id}, {@code app_key}. */
    static CredentialsExtractor of(BackendVersion version, CredentialsLocation location) {
        return of(version, location, "user_key", "app_id", "app_key");
    }

    /** Renamed parameters ({@code auth_user_key}, {@code auth_app_id}, {@code auth_app_key}). */
    static CredentialsExtractor of(BackendVersion version, CredentialsLocation location, String userKey, String appId,
            String appKey) {
        String issuer = version == BackendVersion.OIDC ? ISSUER : null;
        return CredentialsExtractor.of(version,
                new CredentialsSettings(location, userKey, appId, appKey, issuer, null, ClaimType.PLAIN));
    }
}
