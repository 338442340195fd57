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

import java.sql.Types;

/**
 * The system database: a connection pool, the schema migrations and JDBI. Every write runs in one
 * transaction ({@link #write}), so an error leaves nothing half-written.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

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

    /** Runs {@code work} in a read-only transaction. */
    public <T, X extends Exception> T read(HandleCallback<T, X> work) throws X {
        return jdbi.withHandle(handle -> {
            handle.setReadOnly(true);
            try {
                return handle.inTransaction(TransactionIsolationLevel.READ_COMMITTED, work);
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
     * failed. All three engines put the index name in the message.
     */
    public static Optional<String> violatedUniqueIndex(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("23")) {
                String message = String.valueOf(sql.getMessage()).toLowerCase(java.util.Locale.ROOT);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("ux_[a-z0-9_]+").matcher(message);
                return Optional.of(m.find() ? m.group() : "");
            }
        }
        return Optional.empty();
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
