package io.tollgate.store;

import static io.tollgate.store.StoreFixtures.NOW;
import static io.tollgate.store.StoreFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tollgate.model.Owner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Transactions through {@link Database}: a throwing write callback rolls back every insert, and a
 * read transaction rejects writes without leaving its pooled connection read-only.
 */
interface TransactionContract extends StoreContractSupport {
    @Test
    default void rollsBackEveryInsertWhenTheWriteCallbackThrows() {
        String subdomain = unique("rollback");
        List<Long> inserted = new ArrayList<>();
        assertThatThrownBy(() -> database().write(h -> {
            long accountId = h.attach(AccountDao.class).insert("provider", null, "Half", subdomain, "approved",
                    null, null, null, null, null, NOW);
            inserted.add(accountId);
            inserted.add(StoreFixtures.product(h, accountId, "api"));
            inserted.add(StoreFixtures.metric(h, accountId, Owner.product(inserted.get(1)), null, "hits"));
            throw new IllegalStateException("boom after three inserts");
        })).hasMessage("boom after three inserts");

        assertThat(inserted).hasSize(3);
        assertThat(find(database(), h -> h.attach(AccountDao.class).findBySubdomain(subdomain))).isEmpty();
        assertThat(ownedRows(database(), inserted.get(0)))
                .allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
    }

    @Test
    default void readTransactionsRejectWrites() {
        long accountId = database().write(StoreFixtures::tenant);

        Throwable failure = catchThrowable(() -> database().read(h -> StoreFixtures.product(h, accountId, "sneaky")));

        assertThat(failure).as("a write inside Database.read").isNotNull();
        assertThat(sqlStates(failure)).as(failure.toString()).contains("25006"); // read_only_sql_transaction
        assertThat(find(database(), h -> h.attach(ProductDao.class).findBySystemName(accountId, "sneaky"))).isEmpty();
        // The pooled connection is writable again afterwards.
        long fine = database().write(h -> StoreFixtures.product(h, accountId, "fine"));
        assertThat(fine).isPositive();
    }

    private static List<String> sqlStates(Throwable failure) {
        List<String> states = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                states.add(sql.getSQLState());
            }
        }
        return states;
    }
}
