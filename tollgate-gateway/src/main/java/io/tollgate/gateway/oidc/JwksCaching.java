package io.tollgate.gateway.oidc;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How an issuer's signing keys are fetched and kept.
 *
 * @param refreshAfter keys older than this are refetched in the background on the next request; the
 *     request itself goes on with the keys at hand
 * @param ttl keys whose last successful fetch is older than this are no longer used: while the issuer
 *     stays unreachable past it, its tokens cannot be verified (503)
 * @param minRefreshInterval at most one fetch per issuer in this interval, however many tokens name an
 *     unknown {@code kid}: a request with an unknown kid waits for the next allowed fetch instead
 * @param fetchTimeout connect and read timeout of each discovery or JWKS request
 * @param maxDocumentBytes the largest discovery document or JWKS accepted
 */
public record JwksCaching(Duration refreshAfter, Duration ttl, Duration minRefreshInterval, Duration fetchTimeout,
        int maxDocumentBytes) {
    /** Refresh after 5 min, TTL 24 h, one fetch per 5 s at most, 5 s timeouts, 512 KiB documents. */
    public static final JwksCaching DEFAULTS = new JwksCaching(Duration.ofMinutes(5), Duration.ofHours(24),
            Duration.ofSeconds(5), Duration.ofSeconds(5), 512 * 1024);

    public JwksCaching {
        requireNonNull(refreshAfter, "refreshAfter");
        requireNonNull(ttl, "ttl");
        requireNonNull(minRefreshInterval, "minRefreshInterval");
        requireNonNull(fetchTimeout, "fetchTimeout");
        if (ttl.compareTo(refreshAfter) < 0) {
            throw new IllegalArgumentException("ttl: " + ttl + " (expected: >= refreshAfter " + refreshAfter + ")");
        }
        if (minRefreshInterval.isNegative() || fetchTimeout.isNegative() || fetchTimeout.isZero()) {
            throw new IllegalArgumentException("minRefreshInterval and fetchTimeout: expected positive durations");
        }
        if (maxDocumentBytes < 1024) {
            throw new IllegalArgumentException("maxDocumentBytes: " + maxDocumentBytes + " (expected: >= 1024)");
        }
    }
}
