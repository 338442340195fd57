package io.tollgate.store;

import io.tollgate.store.testing.TestDatabases.Engine;

/** The store contract on MARIADB. */
class MariaDbStoreContractIT extends StoreContract {
    @Override
    protected Engine engine() {
        return Engine.MARIADB;
    }
}
