package io.tollgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.model.MappingRule;
import io.tollgate.model.Metric;
import io.tollgate.model.Owner;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Foreign-key cascades: deleting an account removes every row it owns (and nothing of other
 * tenants), deleting a metric removes its methods and their mapping rules.
 */
interface CascadeContract extends StoreContractSupport {
    @Test
    default void cascadesAccountDeletionToEveryOwnedRow() {
        long doomed = database().write(StoreFixtures::tenantWithEverything);
        long survivor = database().write(StoreFixtures::tenantWithEverything);
        Map<String, Integer> before = ownedRows(database(), survivor);
        assertThat(ownedRows(database(), doomed))
                .isEqualTo(before).allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());

        assertThat(changes(h -> h.attach(AccountDao.class).delete(doomed))).isEqualTo(1);

        assertThat(ownedRows(database(), doomed))
                .allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
        assertThat(ownedRows(database(), survivor)).isEqualTo(before);
    }

    @Test
    default void cascadesMetricDeletionToMethodsAndMappingRules() {
        long accountId = database().write(StoreFixtures::tenant);
        long productId = database().write(h -> StoreFixtures.product(h, accountId, "api"));
        Owner owner = Owner.product(productId);
        long hits = database().write(h -> StoreFixtures.metric(h, accountId, owner, null, "hits"));
        long method = database().write(h -> StoreFixtures.metric(h, accountId, owner, hits, "get"));
        long kept = database().write(h -> StoreFixtures.metric(h, accountId, owner, null, "kept"));
        database().write(h -> StoreFixtures.rule(h, accountId, owner, hits, "/a", 1));
        database().write(h -> StoreFixtures.rule(h, accountId, owner, method, "/b", 2));
        long keptRule = database().write(h -> StoreFixtures.rule(h, accountId, owner, kept, "/c", 3));

        assertThat(changes(h -> h.attach(MetricDao.class).delete(hits))).isEqualTo(1);

        assertThat(list(database(), h -> h.attach(MetricDao.class).list(owner, Page.ALL)))
                .extracting(Metric::id).containsExactly(kept);
        assertThat(list(database(), h -> h.attach(MappingRuleDao.class).list(owner, Page.ALL)))
                .extracting(MappingRule::id).containsExactly(keptRule);
    }
}
