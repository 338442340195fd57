package io.tollgate.server.contract;

import io.tollgate.store.testing.TestDatabases;

/** The meter snapshot contract on H2. */
class H2MeterSnapshotContractTest extends MeterSnapshotContract {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
