package io.tollgate.server.contract;

import io.tollgate.store.testing.TestDatabases;

/** The API instance contract on H2. */
class H2GatewayApisContractTest extends GatewayApisContract {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
