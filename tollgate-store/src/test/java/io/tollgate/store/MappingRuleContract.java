package io.tollgate.store;

import static io.tollgate.store.StoreFixtures.LATER;
import static io.tollgate.store.StoreFixtures.NOW;
import static io.tollgate.store.StoreFixtures.UNICODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tollgate.model.MappingRule;
import io.tollgate.model.Metric;
import io.tollgate.model.Owner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Metrics, methods and mapping rules through their DAOs: round trips that keep product and backend
 * owners apart, and shifting and compacting mapping rule positions per owner.
 */
interface MappingRuleContract extends StoreContractSupport {
    @Test
    default void roundTripsMetricsAndMethodsKeepingOwnersApart() {
        long accountId = database().write(StoreFixtures::tenant);
        long productId = database().write(h -> StoreFixtures.product(h, accountId, "api"));
        long backendId = database().write(h -> StoreFixtures.backend(h, accountId, "backend"));
        Owner product = Owner.product(productId);
        Owner backend = Owner.backend(backendId);
        MetricDao metrics = database().jdbi().onDemand(MetricDao.class);

        long hits = database().write(h -> h.attach(MetricDao.class).insert(accountId, product, null, "hits", "Hits",
                "hit", UNICODE, NOW));
        long method = database().write(h -> h.attach(MetricDao.class).insert(accountId, product, hits, "get_pets",
                "GET /pets", "hit", null, NOW));
        long backendHits = database().write(h -> StoreFixtures.metric(h, accountId, backend, null, "hits"));

        Metric expectedHits = new Metric(hits, accountId, product, null, "hits", "Hits", "hit", UNICODE, NOW, NOW);
        Metric expectedMethod = new Metric(method, accountId, product, hits, "get_pets", "GET /pets", "hit", null,
                NOW, NOW);
        assertThat(metrics.find(product, hits)).contains(expectedHits);
        assertThat(metrics.findBySystemName(product, "hits")).contains(expectedHits);
        assertThat(metrics.findBySystemName(backend, "hits")).map(Metric::id).contains(backendHits);
        assertThat(metrics.find(backend, hits)).as("a product's metric is not the backend's").isEmpty();
        assertThat(metrics.list(product, new Page(1, 10))).containsExactly(expectedHits, expectedMethod);
        assertThat(metrics.list(backend, Page.ALL)).extracting(Metric::owner).containsExactly(backend);
        assertThat(metrics.children(hits, 10, 0)).containsExactly(expectedMethod);

        assertThat(changes(h -> h.attach(MetricDao.class).update(method, "Renamed", "call", UNICODE, LATER)))
                .isEqualTo(1);
        assertThat(metrics.find(product, method)).contains(new Metric(method, accountId, product, hits, "get_pets",
                "Renamed", "call", UNICODE, NOW, LATER));

        assertThat(changes(h -> h.attach(MetricDao.class).delete(method))).isEqualTo(1);
        assertThat(metrics.children(hits, 10, 0)).isEmpty();
    }

    @Test
    default void roundTripsMappingRulesWithBooleansAndNulls() {
        long accountId = database().write(StoreFixtures::tenant);
        long productId = database().write(h -> StoreFixtures.product(h, accountId, "api"));
        Owner owner = Owner.product(productId);
        long hits = database().write(h -> StoreFixtures.metric(h, accountId, owner, null, "hits"));
        long other = database().write(h -> StoreFixtures.metric(h, accountId, owner, hits, "other"));
        MappingRuleDao rules = database().jdbi().onDemand(MappingRuleDao.class);

        long last = database().write(h -> h.attach(MappingRuleDao.class).insert(accountId, productId, null, hits,
                "POST", "/pets/{id}$", 5, 1, true, "https://example.com/ü", NOW));
        long notLast = database().write(h -> h.attach(MappingRuleDao.class).insert(accountId, productId, null, hits,
                "GET", "/", 1, 2, false, null, NOW));

        MappingRule expected = new MappingRule(last, accountId, owner, hits, "POST", "/pets/{id}$", 5, 1, true,
                "https://example.com/ü", NOW, NOW);
        assertThat(rules.find(owner, last)).contains(expected);
        assertThat(rules.find(Owner.backend(productId), last)).isEmpty();
        assertThat(rules.find(owner, notLast)).get().satisfies(r -> {
            assertThat(r.last()).isFalse();
            assertThat(r.redirectUrl()).isNull();
        });
        assertThat(rules.count(owner)).isEqualTo(2);
        assertThat(rules.list(owner, Page.ALL)).extracting(MappingRule::id).containsExactly(last, notLast);

        assertThat(changes(h -> h.attach(MappingRuleDao.class).update(last, other, "PUT", "/x", 3, 7, false,
                null, LATER))).isEqualTo(1);
        assertThat(rules.find(owner, last)).contains(new MappingRule(last, accountId, owner, other, "PUT", "/x", 3,
                7, false, null, NOW, LATER));
        assertThat(rules.list(owner, Page.ALL)).extracting(MappingRule::id).containsExactly(notLast, last);

        assertThat(changes(h -> h.attach(MappingRuleDao.class).delete(last))).isEqualTo(1);
        assertThat(rules.count(owner)).isEqualTo(1);
    }

    @Test
    default void shiftsAndCompactsMappingRulePositionsPerOwner() {
        long accountId = database().write(StoreFixtures::tenant);
        long productId = database().write(h -> StoreFixtures.product(h, accountId, "api"));
        long backendId = database().write(h -> StoreFixtures.backend(h, accountId, "backend"));
        Owner product = Owner.product(productId);
        Owner backend = Owner.backend(backendId);
        long hits = database().write(h -> StoreFixtures.metric(h, accountId, product, null, "hits"));
        long backendHits = database().write(h -> StoreFixtures.metric(h, accountId, backend, null, "hits"));
        List<Long> rules = new ArrayList<>();
        for (int position = 1; position <= 5; position++) {
            int p = position;
            rules.add(database().write(h -> StoreFixtures.rule(h, accountId, product, hits, "/r" + p, p)));
        }
        long backendRule = database().write(h -> StoreFixtures.rule(h, accountId, backend, backendHits, "/", 2));
        MappingRuleDao dao = database().jdbi().onDemand(MappingRuleDao.class);

        // Open a gap at 2 and insert there, as "insert at position 2" does.
        assertThat(changes(h -> h.attach(MappingRuleDao.class).shift(product, 2, 5, 1))).isEqualTo(4);
        long inserted = database().write(h -> StoreFixtures.rule(h, accountId, product, hits, "/new", 2));
        assertThat(dao.list(product, Page.ALL)).extracting(MappingRule::id, MappingRule::position).containsExactly(
                tuple(rules.get(0), 1), tuple(inserted, 2),
                tuple(rules.get(1), 3), tuple(rules.get(2), 4),
                tuple(rules.get(3), 5), tuple(rules.get(4), 6));
        assertThat(dao.find(backend, backendRule)).map(MappingRule::position).as("other owner untouched").contains(2);

        // Delete two, then compact back to 1..n in the same order.
        database().write(h -> h.attach(MappingRuleDao.class).delete(rules.get(0)));
        database().write(h -> h.attach(MappingRuleDao.class).delete(rules.get(2)));
        database().write(h -> {
            h.attach(MappingRuleDao.class).compact(product);
            return null;
        });
        assertThat(dao.list(product, Page.ALL)).extracting(MappingRule::id, MappingRule::position).containsExactly(
                tuple(inserted, 1), tuple(rules.get(1), 2),
                tuple(rules.get(3), 3), tuple(rules.get(4), 4));
        assertThat(changes(h -> h.attach(MappingRuleDao.class).shift(product, 2, 3, -1))).isEqualTo(2);
        assertThat(dao.list(product, Page.ALL)).extracting(MappingRule::position).containsExactly(1, 1, 2, 4);
        assertThat(dao.find(backend, backendRule)).map(MappingRule::position).contains(2);
    }
}
