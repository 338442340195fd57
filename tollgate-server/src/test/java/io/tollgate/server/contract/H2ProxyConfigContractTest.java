package io.tollgate.server.contract;

import io.tollgate.store.testing.TestDatabases;

/** The proxy configuration contract on H2. */
class H2ProxyConfigContractTest extends ProxyConfigContract {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
