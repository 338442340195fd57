package io.tollgate.gateway.config;

/**
 * A gateway configuration that cannot be loaded. The message names where the problem is (product,
 * policy, field) and what was expected, e.g.
 * {@code product 7 "Pets": policy_chain[1] (rate_limit): fixed_window_limiters[0].count: -1 (expected: >= 1)};
 * it goes into the log line that says why the configuration was rejected.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message, null, false, false);
    }

    /** This problem, with {@code where} put in front of its message. */
    public ConfigException at(String where) {
        return new ConfigException(where + ": " + getMessage());
    }
}
