package io.tollgate.gateway.loader;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Where one environment's gateway gets its configuration and how often: a local file, or the
 * server with the {@code boot} or {@code lazy} loader, a cache time, change notifications, TLS
 * trust, and the home directory of the last good configuration. Read from environment variables by
 * {@link #fromEnvironment}; a bad value names its variable and the expectation:
 * {@code "TOLLGATE_CONFIGURATION_CACHE: 0 (expected: > 0 or < 0 with the boot loader …)"}.
 */
public final class LoaderSettings {
    public static final String CONFIG_FILE = "TOLLGATE_CONFIG_FILE";
    public static final String PORTAL_ENDPOINT = "TOLLGATE_PORTAL_ENDPOINT";
    public static final String LOADER = "TOLLGATE_CONFIGURATION_LOADER";
    public static final String CACHE = "TOLLGATE_CONFIGURATION_CACHE";
    public static final String NOTIFICATIONS = "TOLLGATE_CONFIGURATION_NOTIFICATIONS";
    public static final String INSECURE = "TOLLGATE_PORTAL_INSECURE";
    public static final String CA_BUNDLE = "TOLLGATE_PORTAL_CA_BUNDLE";
    public static final String HOME = "TOLLGATE_HOME";

    /** How the server's configuration is loaded. */
    public enum Loader {
        /** Everything at start, then again every cache period and on every change notification. */
        BOOT,
        /** Per request host, kept for the cache period. */
        LAZY
    }

    private final Environment environment;
    private final Path configFile;
    private final Path configDir;
    private final java.util.function.Function<String, String> variables;
    private final PortalEndpoint portal;
    private final Loader loader;
    private final Duration cache;
    private final boolean notifications;
    private final boolean insecure;
    private final Path caBundle;
    private final Path home;
    private final ClientIdentity identity;
    private final Tuning tuning;
    private final Clock clock;

    /**
     * Timings that are not user settings (tests shorten them).
     *
     * @param filePoll how often a configuration file's modification time and size are checked
     * @param connectTimeout connecting to the server
     * @param readTimeout the server sending nothing for this long fails a request
     * @param retryMin first delay after a failed load or notification request; doubles up to {@code retryMax}
     * @param notificationWait how long one change notification request waits on the server (≤ 60 s)
     */
    public record Tuning(Duration filePoll, Duration connectTimeout, Duration readTimeout, Duration retryMin,
            Duration retryMax, Duration notificationWait) {
        public static final Tuning DEFAULT = new Tuning(Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(25));

        public Tuning {
            requireNonNull(filePoll, "filePoll");
            requireNonNull(connectTimeout, "connectTimeout");
            requireNonNull(readTimeout, "readTimeout");
            requireNonNull(retryMin, "retryMin");
            requireNonNull(retryMax, "retryMax");
            requireNonNull(notificationWait, "notificationWait");
        }
    }

    private LoaderSettings(Builder b) {
        this.environment = requireNonNull(b.environment, "environment");
        this.configFile = b.configFile;
        this.configDir = b.configDir;
        this.variables = requireNonNull(b.variables, "variables");
        this.portal = b.portal;
        if (configDir != null && configFile != null) {
            throw new IllegalArgumentException("--config-dir and " + CONFIG_FILE + ": set one of them (local mode reads "
                    + "the directory, not the file)");
        }
        if (configFile == null && configDir == null && portal == null) {
            throw new IllegalArgumentException(PORTAL_ENDPOINT + ": missing (expected: https://TOKEN@host[:port][/path]"
                    + ", or " + CONFIG_FILE + ")");
        }
        this.loader = b.loader == null ? environment.defaultLoader() : b.loader;
        this.cache = b.cache == null ? Duration.ofSeconds(environment.defaultCacheSeconds()) : b.cache;
        if (configFile == null && configDir == null && loader == Loader.BOOT && cache.isZero()) {
            throw new IllegalArgumentException(CACHE + ": 0 (expected: > 0 or < 0 with the boot loader; 0 means no "
                    + "cache, which only the lazy loader has)");
        }
        this.notifications = b.notifications;
        this.insecure = b.insecure;
        this.caBundle = b.caBundle;
        this.home = b.home == null ? Path.of("data") : b.home;
        this.identity = b.identity;
        if (identity != null && (portal == null || portal.authorization() != null)) {
            throw new IllegalArgumentException("a client identity needs the gateway API endpoint "
                    + "(PortalEndpoint.gatewayApi)");
        }
        if (identity != null && loader != Loader.BOOT) {
            throw new IllegalArgumentException(LOADER + ": " + loader.name().toLowerCase(Locale.ROOT)
                    + " (expected: boot; a registered gateway loads its whole configuration)");
        }
        this.tuning = requireNonNull(b.tuning, "tuning");
        this.clock = requireNonNull(b.clock, "clock");
    }

    /**
     * Settings of {@code environment} from variables such as {@code System.getenv()}; an empty
     * value counts as unset.
     *
     * @throws IllegalArgumentException naming the first bad variable and what it expects
     */
    public static LoaderSettings fromEnvironment(Map<String, String> env, Environment environment) {
        Builder b = builder(environment);
        text(env, CONFIG_FILE).ifPresent(v -> b.configFile(path(CONFIG_FILE, v)));
        text(env, PORTAL_ENDPOINT).ifPresent(v -> {
            try {
                b.portal(PortalEndpoint.parse(v));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PORTAL_ENDPOINT + ": " + e.getMessage());
            }
        });
        return timings(env, b).build();
    }

    /**
     * Connected mode: the configuration of a registered gateway from the gateway API, with the loader
     * timings of the variables ({@code TOLLGATE_CONFIGURATION_CACHE}, notifications, home);
     * {@code TOLLGATE_PORTAL_ENDPOINT} and {@code TOLLGATE_CONFIG_FILE} do not apply (the caller says
     * so), nor do the portal's TLS settings (the registration's CA is the only one trusted). The loader
     * is boot unless the variables ask for another one, which is refused.
     *
     * @param gatewayApiUrl the registration's {@code gatewayApiUrl}
     * @throws IllegalArgumentException naming the first bad variable and what it expects
     */
    public static LoaderSettings connected(Map<String, String> env, Environment environment, String gatewayApiUrl,
            ClientIdentity identity) {
        Builder b = builder(environment).portal(PortalEndpoint.gatewayApi(gatewayApiUrl)).identity(identity)
                .loader(Loader.BOOT);
        timings(env, b);
        if (b.cache == null) {
            // Both environments refresh like production; change notifications bring every deploy at once.
            b.cache(Duration.ofSeconds(Environment.PRODUCTION.defaultCacheSeconds()));
        }
        b.insecure(false).caBundle(null);
        return b.build();
    }

    private static Builder timings(Map<String, String> env, Builder b) {
        text(env, LOADER).ifPresent(v -> b.loader(switch (v.toLowerCase(Locale.ROOT)) {
            case "boot" -> Loader.BOOT;
            case "lazy" -> Loader.LAZY;
            default -> throw new IllegalArgumentException(LOADER + ": \"" + v + "\" (expected: boot or lazy)");
        }));
        text(env, CACHE).ifPresent(v -> {
            try {
                b.cache(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException(CACHE + ": \"" + v + "\" (expected: a whole number of seconds; "
                        + "0 = no cache, < 0 = never reload)");
            }
        });
        text(env, NOTIFICATIONS).ifPresent(v -> b.notifications(bool(NOTIFICATIONS, v)));
        text(env, INSECURE).ifPresent(v -> b.insecure(bool(INSECURE, v)));
        text(env, CA_BUNDLE).ifPresent(v -> {
            Path bundle = path(CA_BUNDLE, v);
            if (!Files.isReadable(bundle)) {
                throw new IllegalArgumentException(CA_BUNDLE + ": " + v + " (expected: a readable PEM file)");
            }
            b.caBundle(bundle);
        });
        text(env, HOME).ifPresent(v -> b.home(path(HOME, v)));
        return b;
    }

    private static java.util.Optional<String> text(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(v.trim());
    }

    private static Path path(String name, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(name + ": \"" + value + "\" (expected: a file path)");
        }
    }

    private static boolean bool(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(name + ": \"" + value + "\" (expected: true or false)");
        };
    }

    public static Builder builder(Environment environment) {
        return new Builder(environment);
    }

    /** A builder holding these settings (the launcher overrides what its flags say). */
    public Builder toBuilder() {
        Builder b = new Builder(environment);
        b.configFile = configFile;
        b.configDir = configDir;
        b.variables = variables;
        b.portal = portal;
        b.loader = loader;
        b.cache = cache;
        b.notifications = notifications;
        b.insecure = insecure;
        b.caBundle = caBundle;
        b.home = home;
        b.identity = identity;
        b.tuning = tuning;
        b.clock = clock;
        return b;
    }

    public Environment environment() {
        return environment;
    }

    /** The local file, which takes precedence over the server; null when the server is the source. */
    public Path configFile() {
        return configFile;
    }

    /** The server; null when only a file is configured. */
    public PortalEndpoint portal() {
        return portal;
    }

    public Loader loader() {
        return loader;
    }

    /** Refresh interval (boot) or time a host's configuration is kept (lazy); zero = no cache, negative = never. */
    public Duration cache() {
        return cache;
    }

    /** Whether the server's change notifications are followed. */
    public boolean notifications() {
        return notifications;
    }

    /** Whether the server's TLS certificate goes unchecked (only when the user says so). */
    public boolean insecure() {
        return insecure;
    }

    /** PEM CA certificates trusted for the server instead of the JDK's, or null. */
    public Path caBundle() {
        return caBundle;
    }

    /** The last good configuration of the server's source: {@code <home>/gateway/<env>.json}. */
    public Path lastGoodFile() {
        return home.resolve("gateway").resolve(environment.pathName() + ".json");
    }

    /**
     * The registered gateway's client certificate for the gateway API (connected mode), or null: then
     * products placed on a gateway ({@code proxy.gateway}) are not this gateway's and are left out.
     */
    public ClientIdentity identity() {
        return identity;
    }

    public Tuning tuning() {
        return tuning;
    }

    public Clock clock() {
        return clock;
    }

    /** Local mode's directory of declarative resources, or null (docs/gateway-local-mode.md). */
    public Path configDir() {
        return configDir;
    }

    /** The variables local-mode resources take {@code $NAME} values from. */
    public java.util.function.Function<String, String> variables() {
        return variables;
    }

    /** One line for the start log: the source and loader, never the token. */
    public String describe() {
        if (configDir != null) {
            return "directory " + configDir + " (local mode)";
        }
        if (configFile != null) {
            return "file " + configFile;
        }
        String cached;
        if (loader == Loader.BOOT) {
            cached = cache.isNegative() ? "boot loader, no periodic refresh" : "boot loader, refresh every "
                    + cache.toSeconds() + " s";
        } else {
            cached = cache.isZero() ? "lazy loader, every request fetches its host" : cache.isNegative()
                    ? "lazy loader, hosts cached for good" : "lazy loader, hosts cached " + cache.toSeconds() + " s";
        }
        boolean notified = notifications && (loader == Loader.BOOT || !cache.isZero());
        String who = identity == null ? "" : ", as registered gateway " + identity.current().name();
        return portal + " (" + cached + who + (notified ? ", change notifications" : "") + ")";
    }

    @Override
    public String toString() {
        return "LoaderSettings[" + environment + ": " + describe() + "]";
    }

    /** Builds {@link LoaderSettings}; unset values take the environment's defaults. */
    public static final class Builder {
        private final Environment environment;
        private Path configFile;
        private Path configDir;
        private java.util.function.Function<String, String> variables = System::getenv;
        private PortalEndpoint portal;
        private Loader loader;
        private Duration cache;
        private boolean notifications = true;
        private boolean insecure;
        private Path caBundle;
        private Path home;
        private ClientIdentity identity;
        private Tuning tuning = Tuning.DEFAULT;
        private Clock clock = Clock.systemUTC();

        private Builder(Environment environment) {
            this.environment = environment;
        }

        public Builder configFile(Path v) {
            configFile = v;
            return this;
        }

        /** Local mode: the directory of declarative resources (takes precedence over the server). */
        public Builder configDir(Path v) {
            configDir = v;
            return this;
        }

        /** Where {@code $NAME} in local-mode resources is looked up (default: the process environment). */
        public Builder variables(java.util.function.Function<String, String> v) {
            variables = v;
            return this;
        }

        public Builder portal(PortalEndpoint v) {
            portal = v;
            return this;
        }

        public Builder loader(Loader v) {
            loader = v;
            return this;
        }

        public Builder cache(Duration v) {
            cache = v;
            return this;
        }

        public Builder notifications(boolean v) {
            notifications = v;
            return this;
        }

        public Builder insecure(boolean v) {
            insecure = v;
            return this;
        }

        public Builder caBundle(Path v) {
            caBundle = v;
            return this;
        }

        public Builder home(Path v) {
            home = v;
            return this;
        }

        /** Connected mode: the gateway's registration (with {@link PortalEndpoint#gatewayApi} as the portal). */
        public Builder identity(ClientIdentity v) {
            identity = v;
            return this;
        }

        public Builder tuning(Tuning v) {
            tuning = v;
            return this;
        }

        public Builder clock(Clock v) {
            clock = v;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the variable of the first bad value
         */
        public LoaderSettings build() {
            return new LoaderSettings(this);
        }
    }
}
