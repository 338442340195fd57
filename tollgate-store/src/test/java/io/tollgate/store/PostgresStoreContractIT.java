package io.tollgate.store;

import io.tollgate.store.testing.TestDatabases.Engine;

/** The store contract on the real PostgreSQL server on loopback (failsafe; see TestDatabases). */
class PostgresStoreContractIT extends StoreContract
        implements MigrationContract, AccountRoundTripContract, ProductRoundTripContract, MappingRuleContract,
        ConstraintContract, CascadeContract, TransactionContract, ConcurrencyContract,
        MeterConfigContract, ApiDocsAndRegistryContract, GatewayRegistryContract,
        GatewayApiContract {
    @Override
    public Engine engine() {
        return Engine.POSTGRESQL;
    }
}
