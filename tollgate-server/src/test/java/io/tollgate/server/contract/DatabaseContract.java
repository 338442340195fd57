package io.tollgate.server.contract;

import io.tollgate.server.testing.AdminFixtures;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.server.testing.TestPlatform;
import io.tollgate.store.testing.TestDatabase;
import io.tollgate.store.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the scenarios that run over HTTP on each system database: a fresh database of
 * {@link #engine()} per class, a platform on it, and the default tenant's admin client. Each
 * scenario class has one subclass per engine (H2 as a *Test, PostgreSQL and MariaDB as *IT).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseContract {
    protected TestDatabase database;
    protected TestPlatform platform;
    protected ApiClient admin;
    protected AdminFixtures fixtures;

    abstract TestDatabases.Engine engine();

    @BeforeAll
    void startPlatformOnEngine() {
        database = TestDatabases.create(engine());
        platform = TestPlatform.start(database.config());
        admin = platform.admin();
        fixtures = new AdminFixtures(admin);
    }

    @AfterAll
    void stopPlatformAndDropDatabase() {
        if (platform != null) {
            platform.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
