package io.tollgate.store;

import io.tollgate.store.testing.TestDatabase;
import io.tollgate.store.testing.TestDatabases;
import io.tollgate.store.testing.TestDatabases.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What every system database engine must do the same way: the schema, every DAO, constraints,
 * cascades and transactions, checked against the real engine. This base only manages the database:
 * each engine's subclass gets a fresh one for the class (see {@link TestDatabases}) and implements
 * the topic interfaces that hold the tests ({@link MigrationContract}, {@link AccountRoundTripContract},
 * {@link ProductRoundTripContract}, {@link MappingRuleContract}, {@link ConstraintContract},
 * {@link CascadeContract}, {@link TransactionContract}, {@link ConcurrencyContract},
 * {@link MeterConfigContract}). Every test makes its own tenant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreContract implements StoreContractSupport {
    private TestDatabase testDatabase;
    private Database database;

    @Override
    public final Database database() {
        return database;
    }

    @BeforeAll
    void openDatabase() {
        testDatabase = TestDatabases.create(engine());
        database = Database.open(testDatabase.config());
    }

    @AfterAll
    void dropDatabase() {
        try {
            if (database != null) {
                database.close();
            }
        } finally {
            if (testDatabase != null) {
                testDatabase.close();
            }
        }
    }
}
