package io.tollgate.store;

import io.tollgate.store.testing.TestDatabases.Engine;

/** The store contract on H2. */
class H2StoreContractTest extends StoreContract {
    @Override
    protected Engine engine() {
        return Engine.H2;
    }
}
