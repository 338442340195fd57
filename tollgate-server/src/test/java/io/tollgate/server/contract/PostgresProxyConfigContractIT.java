package io.tollgate.server.contract;

import io.tollgate.store.testing.TestDatabases;

/** The proxy configuration contract on PostgreSQL. */
class PostgresProxyConfigContractIT extends ProxyConfigContract {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRESQL;
    }
}
