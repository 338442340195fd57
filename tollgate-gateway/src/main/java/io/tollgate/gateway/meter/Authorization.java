package io.tollgate.gateway.meter;

import static java.util.Objects.requireNonNull;

/**
 * The meter's answer for one request, as the gateway acts on it.
 *
 * @param outcome what the gateway does
 * @param reason the meter's machine-readable code ({@code user_key_invalid}, {@code limits_exceeded}…),
 *     or null when authorized
 * @param limit the most constrained limit after this call, or null when the plan has none on the
 *     metrics used (for rate-limit headers)
 * @param retryAfterSeconds for {@link Outcome#LIMITS_EXCEEDED}: seconds until every exceeded window
 *     has reset, or -1 when one never resets (eternity)
 */
public record Authorization(Outcome outcome, String reason, LimitState limit, long retryAfterSeconds) {

    public Authorization {
        requireNonNull(outcome, "outcome");
    }

    /** Authorized and reported. */
    public static Authorization authorized(LimitState limit) {
        return new Authorization(Outcome.AUTHORIZED, null, limit, -1);
    }

    public static Authorization of(Outcome outcome, String reason) {
        return new Authorization(outcome, reason, null, -1);
    }

    public boolean authorized() {
        return outcome == Outcome.AUTHORIZED;
    }

    /** What the gateway does with a request. */
    public enum Outcome {
        /** Proxy it. */
        AUTHORIZED,
        /** The gateway's auth_failed response (bad credentials, inactive application, disabled metric…). */
        AUTH_FAILED,
        /** The gateway's limits_exceeded response, with Retry-After. */
        LIMITS_EXCEEDED,
        /** The gateway's no_match response (the meter does not know the metric). */
        NO_MATCH,
        /** The meter could not answer; the product's caching mode decides. */
        UNAVAILABLE
    }

    /**
     * One limit's state, for {@code RateLimit-*} headers.
     *
     * @param max the limit
     * @param remaining how many units are left in the window (never negative)
     * @param resetSeconds seconds until the window ends, or -1 for eternity
     */
    public record LimitState(long max, long remaining, long resetSeconds) {
    }
}
