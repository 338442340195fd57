package io.tollgate.store;

import io.tollgate.store.testing.TestDatabases.Engine;

/** The store contract on POSTGRESQL. */
class PostgresStoreContractIT extends StoreContract {
    @Override
    protected Engine engine() {
        return Engine.POSTGRESQL;
    }
}
