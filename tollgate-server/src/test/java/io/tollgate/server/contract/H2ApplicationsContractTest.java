package io.tollgate.server.contract;

import io.tollgate.store.testing.TestDatabases;

/** The applications lifecycle contract on H2. */
class H2ApplicationsContractTest extends ApplicationsContract {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
