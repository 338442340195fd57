package io.tollgate.gateway.oidc;

import static java.util.Objects.requireNonNull;

/** What checking one access token found. */
public sealed interface Verdict {

    /** The token is valid: the application is {@code clientId}. */
    record Verified(String clientId) implements Verdict {
        public Verified {
            requireNonNull(clientId, "clientId");
        }
    }

    /**
     * The token is not acceptable (auth_failed).
     *
     * @param reason why, for debug logs: never the token or any of its content
     */
    record Rejected(String reason) implements Verdict {
    }

    /**
     * The token cannot be checked now: the issuer's keys could not be fetched (503).
     *
     * @param reason why, for logs
     */
    record Unavailable(String reason) implements Verdict {
    }
}
