package io.tollgate.gateway.loader;

import java.util.Locale;

/**
 * The environment a gateway serves: which configurations it asks the server for, and its loader
 * defaults (APIcast's: production loads at boot and refreshes every 5 minutes; staging loads per
 * host on every request).
 */
public enum Environment {
    PRODUCTION("production", LoaderSettings.Loader.BOOT, 300),
    /** The server calls it {@code sandbox}; {@code staging} is its other name there. */
    STAGING("staging", LoaderSettings.Loader.LAZY, 0);

    private final String pathName;
    private final LoaderSettings.Loader defaultLoader;
    private final long defaultCacheSeconds;

    Environment(String pathName, LoaderSettings.Loader defaultLoader, long defaultCacheSeconds) {
        this.pathName = pathName;
        this.defaultLoader = defaultLoader;
        this.defaultCacheSeconds = defaultCacheSeconds;
    }

    /** {@code production}, or {@code staging} (also {@code sandbox}), in any case. */
    public static Environment of(String name) {
        return switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "production" -> PRODUCTION;
            case "staging", "sandbox" -> STAGING;
            default -> throw new IllegalArgumentException("environment: \"" + name
                    + "\" (expected: production or staging)");
        };
    }

    /** The name in the server's URLs and in file names: {@code production} or {@code staging}. */
    public String pathName() {
        return pathName;
    }

    public LoaderSettings.Loader defaultLoader() {
        return defaultLoader;
    }

    public long defaultCacheSeconds() {
        return defaultCacheSeconds;
    }

    @Override
    public String toString() {
        return pathName;
    }
}
