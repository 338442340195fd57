package io.tollgate.server.contract;

import io.tollgate.store.testing.TestDatabases;

/** The developer accounts contract on H2. */
class H2DeveloperAccountsContractTest extends DeveloperAccountsContract {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
