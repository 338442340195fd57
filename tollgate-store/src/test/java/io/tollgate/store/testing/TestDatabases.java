package io.tollgate.store.testing;

import static java.util.Objects.requireNonNull;

import io.tollgate.store.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Fresh, uniquely named databases for tests: one per test class on the real PostgreSQL and MariaDB
 * servers on loopback (there is no Docker engine here), or an in-memory H2 database.
 *
 * <p>The servers' locations can be overridden with {@code TOLLGATE_IT_POSTGRES_URL}, {@code _USER},
 * {@code _PASSWORD} and {@code TOLLGATE_IT_MARIADB_URL}, {@code _USER}, {@code _PASSWORD}; the URL
 * is that of a database the test user may connect to while it creates and drops others. An
 * unreachable server fails the test with a message that says how to start it: these tests never
 * skip, so a CI run without a database cannot pass by accident.
 */
public final class TestDatabases {
    /** Connections made here and by the tests' pools; small, the suites open few at once. */
    public static final int POOL_SIZE = 6;
    private static final String PREFIX = "tollgate_it_";

    private TestDatabases() {
    }

    /** The engines Tollgate supports, with where their test server is and how to start it. */
    public enum Engine {
        H2("H2", null, null, null, null),
        POSTGRESQL("PostgreSQL", "TOLLGATE_IT_POSTGRES", "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres",
                "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"),
        MARIADB("MariaDB", "TOLLGATE_IT_MARIADB", "jdbc:mariadb://127.0.0.1:3306/", "root",
                "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd");

        private final String displayName;
        private final String envPrefix;
        private final String defaultUrl;
        private final String defaultUser;
        private final String startCommand;

        Engine(String displayName, String envPrefix, String defaultUrl, String defaultUser, String startCommand) {
            this.displayName = displayName;
            this.envPrefix = envPrefix;
            this.defaultUrl = defaultUrl;
            this.defaultUser = defaultUser;
            this.startCommand = startCommand;
        }

        public String displayName() {
            return displayName;
        }

        String adminUrl() {
            return env("_URL", defaultUrl);
        }

        String user() {
            return env("_USER", defaultUser);
        }

        String password() {
            return env("_PASSWORD", "");
        }

        private String env(String suffix, String fallback) {
            String value = System.getenv(envPrefix + suffix);
            return value == null || value.isBlank() ? fallback : value;
        }
    }

    /** Creates an empty database on {@code engine}; close the returned handle to drop it. */
    public static TestDatabase create(Engine engine) {
        requireNonNull(engine, "engine");
        String name = PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return switch (engine) {
            case H2 -> new TestDatabase(engine, name,
                    new DatabaseConfig("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", POOL_SIZE),
                    () -> execute(engine, "jdbc:h2:mem:" + name, "sa", "", "SHUTDOWN"));
            case POSTGRESQL -> {
                execute(engine, engine.adminUrl(), engine.user(), engine.password(), "CREATE DATABASE " + name);
                yield new TestDatabase(engine, name, serverConfig(engine, name),
                        // FORCE: a pool a failed test left open must not keep the database alive.
                        () -> execute(engine, engine.adminUrl(), engine.user(), engine.password(),
                                "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
            }
            case MARIADB -> {
                execute(engine, engine.adminUrl(), engine.user(), engine.password(),
                        "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
                yield new TestDatabase(engine, name, serverConfig(engine, name),
                        () -> execute(engine, engine.adminUrl(), engine.user(), engine.password(),
                                "DROP DATABASE IF EXISTS " + name));
            }
        };
    }

    private static DatabaseConfig serverConfig(Engine engine, String name) {
        return new DatabaseConfig(withDatabase(engine.adminUrl(), name), engine.user(), engine.password(), POOL_SIZE);
    }

    /** {@code jdbc:x://host:port/db?params} with its database replaced by {@code name}. */
    static String withDatabase(String url, String name) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int hostStart = base.indexOf("//");
        if (hostStart < 0) {
            throw new IllegalArgumentException("database URL: '" + url + "' (expected: jdbc:<engine>://host[:port]/[db])");
        }
        int slash = base.indexOf('/', hostStart + 2);
        String server = slash < 0 ? base : base.substring(0, slash);
        return server + "/" + name + params;
    }

    private static void execute(Engine engine, String url, String user, String password, String sql) {
        Connection connection;
        try {
            DriverManager.setLoginTimeout(5);
            connection = DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            throw unreachable(engine, url, user, e);
        }
        try (connection; Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(engine.displayName() + ": '" + sql + "' failed: " + e.getMessage(), e);
        }
    }

    private static IllegalStateException unreachable(Engine engine, String url, String user, SQLException cause) {
        if (engine == Engine.H2) {
            return new IllegalStateException("H2: cannot open " + url + ": " + cause.getMessage(), cause);
        }
        String env = engine.envPrefix;
        return new IllegalStateException(String.format(Locale.ROOT,
                "%s is not reachable at %s as user '%s' (%s). These tests need a real server and never skip."
                        + " Start it with .ci/ensure-services (as root), or directly: %s;"
                        + " or point %s_URL, %s_USER and %s_PASSWORD at a running server.",
                engine.displayName(), url, user, cause.getMessage(), engine.startCommand, env, env, env), cause);
    }
}
