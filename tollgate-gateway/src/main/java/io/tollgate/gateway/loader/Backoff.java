package io.tollgate.gateway.loader;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between retries: {@code min}, doubling up to {@code max}, each shortened by up to a fifth
 * at random so that a fleet of gateways that lost the server together does not come back in step.
 * Not thread-safe: each loader uses its own on its own context.
 */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private int failures;

    Backoff(Duration min, Duration max) {
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
    }

    /** The delay before the next attempt, after one more failure. */
    long nextMillis() {
        long delay = minMillis << Math.min(failures, 20);
        failures++;
        delay = Math.min(delay, maxMillis);
        return delay - ThreadLocalRandom.current().nextLong(delay / 5 + 1);
    }

    /** Whether the last attempt failed. */
    boolean failing() {
        return failures > 0;
    }

    void reset() {
        failures = 0;
    }

    /** A delay as the log shows it: {@code 0.4 s}, {@code 32 s}. */
    static String seconds(long millis) {
        return millis < 10_000 ? String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0) : millis / 1000 + " s";
    }
}
