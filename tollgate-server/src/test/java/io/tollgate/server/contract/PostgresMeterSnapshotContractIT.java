package io.tollgate.server.contract;

import io.tollgate.store.testing.TestDatabases;

/** The meter snapshot contract on Postgres. */
class PostgresMeterSnapshotContractIT extends MeterSnapshotContract {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRESQL;
    }
}
