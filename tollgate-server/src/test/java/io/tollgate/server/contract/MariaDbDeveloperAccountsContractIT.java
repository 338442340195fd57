package io.tollgate.server.contract;

import io.tollgate.store.testing.TestDatabases;

/** The developer accounts contract on MariaDb. */
class MariaDbDeveloperAccountsContractIT extends DeveloperAccountsContract {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.MARIADB;
    }
}
