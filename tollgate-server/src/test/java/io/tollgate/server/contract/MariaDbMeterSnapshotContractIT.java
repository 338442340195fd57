package io.tollgate.server.contract;

import io.tollgate.store.testing.TestDatabases;

/** The meter snapshot contract on MariaDB. */
class MariaDbMeterSnapshotContractIT extends MeterSnapshotContract {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.MARIADB;
    }
}
