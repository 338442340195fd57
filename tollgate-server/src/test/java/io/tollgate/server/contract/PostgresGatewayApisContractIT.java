package io.tollgate.server.contract;

import io.tollgate.store.testing.TestDatabases;

/** The API instance contract on Postgres. */
class PostgresGatewayApisContractIT extends GatewayApisContract {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRESQL;
    }
}
