package io.tollgate.server.contract;

import io.tollgate.store.testing.TestDatabases;

/** The applications lifecycle contract on Postgres. */
class PostgresApplicationsContractIT extends ApplicationsContract {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRESQL;
    }
}
