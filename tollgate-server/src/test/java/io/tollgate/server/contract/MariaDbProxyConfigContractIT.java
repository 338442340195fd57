package io.tollgate.server.contract;

import io.tollgate.store.testing.TestDatabases;

/** The proxy configuration contract on MariaDB. */
class MariaDbProxyConfigContractIT extends ProxyConfigContract {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.MARIADB;
    }
}
