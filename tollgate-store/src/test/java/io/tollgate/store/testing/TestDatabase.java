package io.tollgate.store.testing;

import io.tollgate.store.DatabaseConfig;
import io.tollgate.store.testing.TestDatabases.Engine;

/**
 * An empty database created for one test class; {@link #close()} drops it. Close every
 * {@link io.tollgate.store.Database} opened on it first.
 */
public final class TestDatabase implements AutoCloseable {
    private final Engine engine;
    private final String name;
    private final DatabaseConfig config;
    private final Runnable drop;
    private boolean dropped;

    TestDatabase(Engine engine, String name, DatabaseConfig config, Runnable drop) {
        this.engine = engine;
        this.name = name;
        this.config = config;
        this.drop = drop;
    }

    public Engine engine() {
        return engine;
    }

    /** The database's name, {@code tollgate_it_<random>}. */
    public String name() {
        return name;
    }

    public DatabaseConfig config() {
        return config;
    }

    @Override
    public synchronized void close() {
        if (!dropped) {
            dropped = true;
            drop.run();
        }
    }

    @Override
    public String toString() {
        return engine.displayName() + " database " + name;
    }
}
