package io.tollgate.gateway.local;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A {@code Configuration} resource: {@code spec.sharedStorage.redis} {address, username, password, db,
 * tls} is the Redis that {@code rate-limiting} bindings count in (unless {@code clusterizable: false}),
 * so every gateway reading the same directory shares the counters. Without it the counters are in each
 * gateway's memory.
 */
final class Configurations {
    private Configurations() {
    }

    /** The Redis URL the resource configures, or null when it configures no shared storage. */
    static String redisUrl(Resource r) {
        Node spec = r.spec().only("sharedStorage");
        Node storage = spec.get("sharedStorage").only("redis");
        if (storage.isNull()) {
            return null;
        }
        Node redis = storage.get("redis").only("address", "username", "password", "db", "tls");
        if (redis.isNull()) {
            throw redis.fail("missing (expected: {address: host:port})");
        }
        String address = redis.get("address").requiredString().trim();
        if (address.contains("://") || address.contains("/") || address.contains("@")) {
            throw redis.get("address").fail(Node.quote(address) + " (expected: host:port, e.g. redis:6379)");
        }
        long db = redis.get("db").number(0, 15).orElse(0L);
        boolean tls = redis.get("tls").bool().orElse(false);
        String user = redis.get("username").string().orElse("");
        String password = redis.get("password").string().orElse("");
        String credentials = user.isEmpty() && password.isEmpty() ? ""
                : encode(user) + ":" + encode(password) + "@";
        return (tls ? "rediss://" : "redis://") + credentials + address + "/" + db;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
