package io.tollgate.server.contract;

import io.tollgate.store.testing.TestDatabases;

/** The admin API contract on MariaDb. */
class MariaDbAdminApiContractIT extends AdminApiContract {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.MARIADB;
    }
}
