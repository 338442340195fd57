package io.tollgate.server.contract;

import io.tollgate.store.testing.TestDatabases;

/** The admin API contract on H2. */
class H2AdminApiContractTest extends AdminApiContract {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
