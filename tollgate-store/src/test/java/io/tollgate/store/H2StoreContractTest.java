package io.tollgate.store;

import io.tollgate.store.testing.TestDatabases.Engine;

/** The store contract on in-memory H2, in the normal test phase. */
class H2StoreContractTest extends StoreContract
        implements MigrationContract, AccountRoundTripContract, ProductRoundTripContract, MappingRuleContract,
        ConstraintContract, CascadeContract, TransactionContract, ConcurrencyContract,
        MeterConfigContract, ApiDocsAndRegistryContract, GatewayRegistryContract,
        GatewayApiContract {
    @Override
    public Engine engine() {
        return Engine.H2;
    }
}
