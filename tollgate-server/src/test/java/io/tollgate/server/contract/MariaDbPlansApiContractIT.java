package io.tollgate.server.contract;

import io.tollgate.store.testing.TestDatabases;

/** The plans, limits and pricing contract on MariaDb. */
class MariaDbPlansApiContractIT extends PlansApiContract {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.MARIADB;
    }
}
