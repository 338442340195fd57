package io.tollgate.meter;

import static java.util.Objects.requireNonNull;

import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where and how {@link RedisCounterStore} reaches Redis. Addressing is the client library's own
 * (Vert.x {@link RedisOptions}): a standalone server, Sentinels that name the current master, or the
 * seed nodes of a Cluster.
 *
 * <p>The launcher builds it with {@link #parse} from {@code TOLLGATE_REDIS_URL},
 * {@code TOLLGATE_REDIS_TYPE}, {@code TOLLGATE_REDIS_MASTER_NAME} and {@code TOLLGATE_STORE_TIMEOUT_MS};
 * error messages name those variables. {@link #toString()} never shows a password.
 *
 * @param endpoints connection strings such as {@code redis://:secret@10.0.0.5:6379/0}: the server
 *     (standalone), the Sentinels (sentinel) or Cluster seed nodes (cluster)
 * @param type how the endpoints are used
 * @param masterName the Sentinel master name; {@code ""} unless {@code type} is {@link Type#SENTINEL}
 * @param poolSize the most connections the client opens per node, {@code >= 1}
 * @param timeout how long one store call waits for Redis before it fails, {@code > 0}
 */
public record RedisSettings(List<String> endpoints, Type type, String masterName, int poolSize, Duration timeout) {
    /** The default per-call timeout: a dead or paused Redis adds at most this to a request. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(50);
    /** The default connection pool size per node. */
    public static final int DEFAULT_POOL_SIZE = 32;
    /** The largest accepted timeout: anything longer is a misconfiguration, not a bound. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);

    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^@/\\s]*@");
    private static final String URL_EXPECTED = "(expected: redis://[user:password@]host:port[/db] or rediss://…,"
            + " comma-separated for several nodes)";

    /** How the endpoints are used. */
    public enum Type {
        /** One server. */
        STANDALONE(RedisClientType.STANDALONE),
        /** Sentinels that name the master of {@code masterName}; commands go to that master. */
        SENTINEL(RedisClientType.SENTINEL),
        /** A Redis Cluster; commands go to the node owning the keys' slot. */
        CLUSTER(RedisClientType.CLUSTER);

        private final RedisClientType clientType;

        Type(RedisClientType clientType) {
            this.clientType = clientType;
        }
    }

    /** Copies the endpoints and checks every field. */
    public RedisSettings {
        requireNonNull(endpoints, "endpoints");
        requireNonNull(type, "type");
        requireNonNull(masterName, "masterName");
        requireNonNull(timeout, "timeout");
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("endpoints: [] (expected: at least one connection string)");
        }
        if (type == Type.STANDALONE && endpoints.size() > 1) {
            throw new IllegalArgumentException("endpoints: " + endpoints.size()
                    + " with type standalone (expected: one; several are for sentinel or cluster)");
        }
        if (type == Type.SENTINEL && masterName.isBlank()) {
            throw new IllegalArgumentException(
                    "masterName: \"\" (expected: the Sentinel master name with type sentinel)");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize: " + poolSize + " (expected: >= 1)");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0 and <= " + MAX_TIMEOUT + ")");
        }
    }

    /** One standalone server with the default pool size and timeout. */
    public static RedisSettings standalone(String connectionString) {
        return new RedisSettings(List.of(connectionString), Type.STANDALONE, "", DEFAULT_POOL_SIZE, DEFAULT_TIMEOUT);
    }

    /**
     * Settings from the launcher's raw strings; {@code null} or blank means "not set".
     *
     * @param url {@code TOLLGATE_REDIS_URL}: one or more connection strings separated by commas (required)
     * @param type {@code TOLLGATE_REDIS_TYPE}: {@code standalone} (default), {@code sentinel} or {@code cluster}
     * @param masterName {@code TOLLGATE_REDIS_MASTER_NAME}: required with {@code sentinel}, refused otherwise
     * @param timeoutMillis {@code TOLLGATE_STORE_TIMEOUT_MS}: whole milliseconds, default 50
     * @throws IllegalArgumentException naming the variable and the expectation; never echoing a password
     */
    public static RedisSettings parse(String url, String type, String masterName, String timeoutMillis) {
        List<String> endpoints = parseEndpoints(url);
        Type parsedType = parseType(type);
        String master = masterName == null ? "" : masterName.strip();
        if (parsedType == Type.STANDALONE && endpoints.size() > 1) {
            throw new IllegalArgumentException("TOLLGATE_REDIS_URL: " + endpoints.size()
                    + " URLs with TOLLGATE_REDIS_TYPE=standalone (expected: one; several are for sentinel or cluster)");
        }
        if (parsedType == Type.SENTINEL && master.isEmpty()) {
            throw new IllegalArgumentException("TOLLGATE_REDIS_MASTER_NAME: not set"
                    + " (expected: the Sentinel master name, e.g. mymaster, with TOLLGATE_REDIS_TYPE=sentinel)");
        }
        if (parsedType != Type.SENTINEL && !master.isEmpty()) {
            throw new IllegalArgumentException("TOLLGATE_REDIS_MASTER_NAME: " + master
                    + " (expected: unset unless TOLLGATE_REDIS_TYPE=sentinel)");
        }
        return new RedisSettings(endpoints, parsedType, master, DEFAULT_POOL_SIZE, parseTimeout(timeoutMillis));
    }

    /**
     * {@code TOLLGATE_STORE_TIMEOUT_MS} as a duration: {@code null} or blank gives {@link #DEFAULT_TIMEOUT}.
     *
     * @throws IllegalArgumentException unless a whole number of milliseconds in 1..60000
     */
    public static Duration parseTimeout(String timeoutMillis) {
        if (timeoutMillis == null || timeoutMillis.isBlank()) {
            return DEFAULT_TIMEOUT;
        }
        String text = timeoutMillis.strip();
        long millis;
        try {
            millis = Long.parseLong(text);
        } catch (NumberFormatException e) {
            millis = -1;
        }
        if (millis < 1 || millis > MAX_TIMEOUT.toMillis()) {
            throw new IllegalArgumentException("TOLLGATE_STORE_TIMEOUT_MS: " + text
                    + " (expected: a whole number of milliseconds, 1.." + MAX_TIMEOUT.toMillis() + ")");
        }
        return Duration.ofMillis(millis);
    }

    /** {@code text} with the user-info part of every URL in it ({@code user:password@}) replaced by {@code ***@}. */
    public static String redact(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceAll("***@");
    }

    /** The Vert.x client options for these settings. */
    public RedisOptions toRedisOptions() {
        RedisOptions options = new RedisOptions()
                .setType(type.clientType)
                .setMaxPoolSize(poolSize)
                // Callers beyond the pool queue for a connection; the per-call timeout bounds the wait.
                .setMaxPoolWaiting(1024);
        endpoints.forEach(options::addConnectionString);
        if (type == Type.SENTINEL) {
            options.setMasterName(masterName).setRole(RedisRole.MASTER);
        }
        // A connection attempt may outlive the call that started it and serve the next calls, but a
        // blackholed host must not hold a pool slot for the default minute.
        options.getNetClientOptions().setConnectTimeout((int) Math.max(1_000, timeout.toMillis()));
        return options;
    }

    /** The settings with every password replaced by {@code ***}. */
    @Override
    public String toString() {
        return "RedisSettings[endpoints=" + redact(String.join(",", endpoints)) + ", type="
                + type.name().toLowerCase(Locale.ROOT) + ", masterName=" + masterName + ", poolSize=" + poolSize
                + ", timeout=" + timeout.toMillis() + " ms]";
    }

    private static List<String> parseEndpoints(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("TOLLGATE_REDIS_URL: not set " + URL_EXPECTED);
        }
        List<String> out = new ArrayList<>();
        for (String part : url.split(",")) {
            String endpoint = part.strip();
            if (endpoint.isEmpty()) {
                throw new IllegalArgumentException("TOLLGATE_REDIS_URL: " + redact(url) + " has an empty entry "
                        + URL_EXPECTED);
            }
            checkEndpoint(endpoint);
            out.add(endpoint);
        }
        return out;
    }

    private static void checkEndpoint(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            // Not chained: the parser's message quotes the input, password included.
            throw new IllegalArgumentException("TOLLGATE_REDIS_URL: " + redact(endpoint) + " is not a URL "
                    + URL_EXPECTED);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean ok = switch (scheme) {
            case "redis", "rediss" -> uri.getHost() != null && !uri.getHost().isEmpty();
            case "unix" -> uri.getPath() != null && !uri.getPath().isEmpty();
            default -> false;
        };
        if (!ok) {
            throw new IllegalArgumentException("TOLLGATE_REDIS_URL: " + redact(endpoint) + " " + URL_EXPECTED);
        }
    }

    private static Type parseType(String type) {
        if (type == null || type.isBlank()) {
            return Type.STANDALONE;
        }
        return switch (type.strip().toLowerCase(Locale.ROOT)) {
            case "standalone" -> Type.STANDALONE;
            case "sentinel" -> Type.SENTINEL;
            case "cluster" -> Type.CLUSTER;
            default -> throw new IllegalArgumentException("TOLLGATE_REDIS_TYPE: " + type.strip()
                    + " (expected: standalone, sentinel or cluster)");
        };
    }
}
