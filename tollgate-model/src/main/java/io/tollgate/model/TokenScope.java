package io.tollgate.model;

import java.util.Locale;
import java.util.Optional;

/** What an access token may reach (3scale names, as sent on the wire). */
public enum TokenScope {
    ACCOUNT_MANAGEMENT, POLICY_REGISTRY, CMS, FINANCE, STATS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TokenScope> fromWire(String value) {
        for (TokenScope scope : values()) {
            if (scope.wire().equals(value)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
