package io.tollgate.dist;

import picocli.CommandLine.Option;

/**
 * Options of the meter (Service Management API and counters), shared by {@code up}, {@code server}
 * and {@code meter}. Redis details beyond the URL are environment-only (docs/configuration.md).
 */
public final class MeterOptions {
    @Option(names = "--meter-port", defaultValue = "${env:TOLLGATE_METER_PORT:-3001}",
            description = "Service Management API port (env TOLLGATE_METER_PORT, default 3001).")
    int meterPort;

    @Option(names = "--redis-url", defaultValue = "${env:TOLLGATE_REDIS_URL}",
            description = "Redis for counters, usage statistics and the meter replica; comma-separated for several"
                    + " nodes (env TOLLGATE_REDIS_URL; default: counters in memory). Prefer the variable when the URL"
                    + " holds a password.")
    String redisUrl;

    /** Whether counters live in Redis. */
    boolean redis() {
        return redisUrl != null && !redisUrl.isBlank();
    }

    static String env(String name) {
        return System.getenv(name);
    }

    void validate() {
        if (meterPort < 0 || meterPort > 65535) {
            throw new UserException("--meter-port: " + meterPort + " (expected: 0..65535)");
        }
    }
}
