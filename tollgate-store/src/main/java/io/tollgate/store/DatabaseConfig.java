package io.tollgate.store;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where the system database is and how to log in.
 *
 * @param url      JDBC URL (H2, PostgreSQL, MariaDB/MySQL)
 * @param poolSize maximum connections in the pool
 */
public record DatabaseConfig(String url, String user, String password, int poolSize) {
    public static final int DEFAULT_POOL_SIZE = 10;

    public DatabaseConfig {
        requireNonNull(url, "url");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize: " + poolSize + " (expected: >= 1)");
        }
    }

    /** The embedded default: an H2 file database under {@code home/db}. */
    public static DatabaseConfig embedded(Path home) {
        String file = home.toAbsolutePath().normalize().resolve("db").resolve("tollgate").toString();
        return new DatabaseConfig("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "", DEFAULT_POOL_SIZE);
    }

    public Dialect dialect() {
        return Dialect.fromJdbcUrl(url);
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + Dialect.redact(url) + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
