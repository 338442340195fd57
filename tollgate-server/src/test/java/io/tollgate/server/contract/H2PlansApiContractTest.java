package io.tollgate.server.contract;

import io.tollgate.store.testing.TestDatabases;

/** The plans, limits and pricing contract on H2. */
class H2PlansApiContractTest extends PlansApiContract {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
