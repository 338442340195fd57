package io.tollgate.server.contract;

import io.tollgate.store.testing.TestDatabases;

/** The applications lifecycle contract on MariaDB. */
class MariaDbApplicationsContractIT extends ApplicationsContract {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.MARIADB;
    }
}
