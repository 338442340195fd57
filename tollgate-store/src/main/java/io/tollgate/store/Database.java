package io.tollgate.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The system database: a connection pool, the schema migrations and JDBI. Every write runs in one
 * transaction ({@link #write}), so an error leaves nothing half-written.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final Pattern UNIQUE_INDEX_NAME =
            Pattern.compile("(?:constraint \"|for key '|violation: \")(?:[a-z0-9_$]+\\.)?(ux_[a-z0-9_]+)");

    private final DatabaseConfig config;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(DatabaseConfig config, HikariDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        jdbi.registerArgument(new InstantArgumentFactory());
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            long millis = rs.getLong(column);
            return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
        });
    }

    /** Connects, migrates the schema to the latest version and returns the ready database. */
    public static Database open(DatabaseConfig config) {
        Dialect dialect = config.dialect();
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(jdbcUrl(config.url()));
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setPoolName("tollgate-db");
        hikari.setAutoCommit(true);
        HikariDataSource dataSource = new HikariDataSource(hikari);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .placeholders(dialect.placeholders())
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        LOG.info("System database ready: {} ({})", Dialect.redact(config.url()), dialect);
        return new Database(config, dataSource);
    }

    private static String jdbcUrl(String url) {
        // The MariaDB driver accepts the MySQL scheme only when asked to.
        if (url.startsWith("jdbc:mysql:") && !url.contains("permitMysqlScheme")) {
            return url + (url.contains("?") ? "&" : "?") + "permitMysqlScheme";
        }
        return url;
    }

    public Dialect dialect() {
        return config.dialect();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Runs {@code work} in one read-write transaction; any exception rolls everything back. */
    public <T, X extends Exception> T write(HandleCallback<T, X> work) throws X {
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, work);
    }

    /**
     * Runs {@code work} in a read-only transaction: a write inside it fails on every engine.
     * PostgreSQL enforces the JDBC read-only flag itself (its driver begins {@code READ ONLY}
     * transactions); MariaDB Connector/J ignores the flag outside replication mode, so the
     * transaction is declared read-only in SQL; H2 has no read-only transactions at all, so
     * statements other than queries are refused before they reach it.
     */
    public <T, X extends Exception> T read(HandleCallback<T, X> work) throws X {
        return read(TransactionIsolationLevel.READ_COMMITTED, work);
    }

    /**
     * Like {@link #read}, but every statement of {@code work} sees the same committed state
     * (REPEATABLE READ: a snapshot on PostgreSQL and InnoDB, and on H2's MVStore), for readers
     * that must not mix rows from before and after a concurrent write.
     */
    public <T, X extends Exception> T readSnapshot(HandleCallback<T, X> work) throws X {
        return read(TransactionIsolationLevel.REPEATABLE_READ, work);
    }

    private <T, X extends Exception> T read(TransactionIsolationLevel isolation, HandleCallback<T, X> work)
            throws X {
        return jdbi.withHandle(handle -> {
            handle.setReadOnly(true);
            try {
                return handle.inTransaction(isolation, h -> {
                    switch (dialect()) {
                        // Applies to the transaction the next statement starts; none is active yet.
                        case MARIADB -> h.execute("SET TRANSACTION READ ONLY");
                        case H2 -> h.addCustomizer(ReadOnlyGuard.INSTANCE);
                        case POSTGRESQL -> { }
                    }
                    return work.withHandle(h);
                });
            } finally {
                handle.setReadOnly(false);
            }
        });
    }

    /** Attaches a DAO to {@code handle}; a shorthand that keeps call sites short. */
    public static <D> D dao(Handle handle, Class<D> type) {
        return handle.attach(type);
    }

    /**
     * The name of the unique index a failed statement violated, lower-cased, if that is why it
     * failed; empty for any other failure, including other integrity violations (foreign keys,
     * CHECK and NOT NULL constraints). The name is taken from where each engine quotes it, never
     * from the duplicate value, which may itself look like an index name:
     * PostgreSQL {@code unique constraint "ux_a"}, MariaDB {@code for key 'ux_a'} (MySQL 8:
     * {@code 'table.ux_a'}), H2 {@code violation: "PUBLIC.UX_A ON ...}. An empty name means a
     * unique violation whose index could not be named.
     */
    public static Optional<String> violatedUniqueIndex(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && isUniqueViolation(sql)) {
                String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
                Matcher m = UNIQUE_INDEX_NAME.matcher(message);
                return Optional.of(m.find() ? m.group(1) : "");
            }
        }
        return Optional.empty();
    }

    private static boolean isUniqueViolation(SQLException e) {
        // PostgreSQL and H2 use the standard unique_violation state; MariaDB and MySQL put every
        // integrity violation under 23000 and tell them apart by error code (1062 ER_DUP_ENTRY,
        // 1586 ER_DUP_ENTRY_WITH_KEY_NAME).
        return "23505".equals(e.getSQLState())
                || ("23000".equals(e.getSQLState()) && (e.getErrorCode() == 1062 || e.getErrorCode() == 1586));
    }

    @Override
    public void close() {
        dataSource.close();
        LOG.info("System database closed");
    }

    /** Binds {@link Instant} as epoch milliseconds, the schema's timestamp representation. */
    private static final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {
        InstantArgumentFactory() {
            super(Types.BIGINT);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setLong(position, value.toEpochMilli());
        }
    }
}
