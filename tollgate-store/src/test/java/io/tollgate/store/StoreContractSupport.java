package io.tollgate.store;

import io.tollgate.store.testing.TestDatabases.Engine;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.HandleCallback;

/**
 * What the store contract's topic interfaces ({@link MigrationContract}, {@link ConstraintContract}
 * and the others) need from the class that runs them: the engine, the database opened on it for the
 * class, and typed shorthands for reading and writing through it. The rows themselves come from
 * {@link StoreFixtures}. Implemented by {@link StoreContract}.
 */
interface StoreContractSupport {
    /** The engine the contract runs against. */
    Engine engine();

    /** The database opened for the test class, migrated and shared by its tests. */
    Database database();

    /** Rows changed by one write; a typed shorthand so assertions pick the right AssertJ overload. */
    default int changes(HandleCallback<Integer, RuntimeException> work) {
        return database().write(work);
    }

    default <T> Optional<T> find(Database db, HandleCallback<Optional<T>, RuntimeException> work) {
        return db.read(work);
    }

    default <T> List<T> list(Database db, HandleCallback<List<T>, RuntimeException> work) {
        return db.read(work);
    }

    /** Rows per table of {@link StoreFixtures#OWNED_TABLES} that belong to {@code accountId}. */
    default Map<String, Integer> ownedRows(Database db, long accountId) {
        return db.read(h -> StoreFixtures.ownedRows(h, accountId));
    }
}
