package io.tollgate.server.contract;

import io.tollgate.store.testing.TestDatabases;

/** The developer accounts contract on Postgres. */
class PostgresDeveloperAccountsContractIT extends DeveloperAccountsContract {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRESQL;
    }
}
