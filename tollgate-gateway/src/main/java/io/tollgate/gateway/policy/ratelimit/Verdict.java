package io.tollgate.gateway.policy.ratelimit;

/**
 * A store's answer for one request's limiters, all or nothing: admitted (after {@code delayMillis},
 * a leaky bucket's smoothing), or rejected with the seconds after which a retry may pass.
 */
record Verdict(boolean admitted, long delayMillis, long retryAfterSeconds) {
    static final Verdict NOW = new Verdict(true, 0, 0);

    static Verdict admitted(long delayMillis) {
        return delayMillis <= 0 ? NOW : new Verdict(true, delayMillis, 0);
    }

    static Verdict rejected(long retryAfterSeconds) {
        return new Verdict(false, 0, Math.max(0, retryAfterSeconds));
    }

    /** Seconds, rounded up, in {@code millis}. */
    static long ceilSeconds(long millis) {
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }
}
