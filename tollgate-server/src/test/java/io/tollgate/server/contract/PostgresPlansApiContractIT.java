package io.tollgate.server.contract;

import io.tollgate.store.testing.TestDatabases;

/** The plans, limits and pricing contract on Postgres. */
class PostgresPlansApiContractIT extends PlansApiContract {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRESQL;
    }
}
