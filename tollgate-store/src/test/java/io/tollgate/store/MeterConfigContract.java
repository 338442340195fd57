package io.tollgate.store;

import static io.tollgate.store.StoreFixtures.LATER;
import static io.tollgate.store.StoreFixtures.NOW;
import static io.tollgate.store.StoreFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tollgate.model.Owner;
import io.tollgate.store.MeterConfigDao.ApplicationRow;
import io.tollgate.store.MeterConfigDao.BackendUsageRow;
import io.tollgate.store.MeterConfigDao.LimitRow;
import io.tollgate.store.MeterConfigDao.MetricRow;
import io.tollgate.store.MeterConfigDao.PlanRow;
import io.tollgate.store.MeterConfigDao.ServiceRow;
import io.tollgate.store.MeterConfigDao.ServiceTokenRow;
import io.tollgate.store.MeterConfigDao.TenantRow;
import io.tollgate.store.MeterConfigDao.ValueRow;
import io.tollgate.store.ReferrerFilterDao.ReferrerFilter;
import io.tollgate.store.ServiceTokenDao.ServiceToken;
import java.math.BigDecimal;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * What the meter's configuration is built from: service tokens, referrer filters, the products'
 * referrer flag, and the platform-wide reads of {@link MeterConfigDao} in one snapshot transaction.
 */
interface MeterConfigContract extends StoreContractSupport {
    @Test
    default void serviceTokensAreListedOldestFirstAndUniqueOnTheInstance() {
        long accountId = database().write(StoreFixtures::tenant);
        long productId = database().write(h -> StoreFixtures.product(h, accountId, "api"));
        long bare = database().write(h -> StoreFixtures.product(h, accountId, "bare"));
        String second = unique("token-b");
        String first = unique("token-a");
        long secondId = database().write(h -> h.attach(ServiceTokenDao.class).insert(productId, second, LATER));
        long firstId = database().write(h -> h.attach(ServiceTokenDao.class).insert(productId, first, NOW));
        ServiceTokenDao tokens = database().jdbi().onDemand(ServiceTokenDao.class);

        assertThat(tokens.listByProduct(productId)).containsExactly(
                new ServiceToken(firstId, productId, first, NOW), new ServiceToken(secondId, productId, second, LATER));
        assertThat(tokens.oldest(productId)).contains(first);
        assertThat(tokens.count(productId)).isEqualTo(2);
        assertThat(tokens.find(bare, firstId)).as("scoped by product").isEmpty();
        assertThat(tokens.productsWithoutToken()).contains(bare).doesNotContain(productId);
        Throwable duplicate = catchThrowable(() -> database().write(h -> h.attach(ServiceTokenDao.class)
                .insert(bare, first, NOW)));
        assertThat(Database.violatedUniqueIndex(duplicate)).contains("ux_service_tokens_value");

        assertThat(changes(h -> h.attach(ServiceTokenDao.class).delete(firstId))).isEqualTo(1);
        assertThat(tokens.oldest(productId)).contains(second);
        assertThat(changes(h -> h.attach(ProductDao.class).delete(accountId, productId))).isEqualTo(1);
        assertThat(tokens.listByProduct(productId)).as("deleted with the product").isEmpty();
    }

    @Test
    default void referrerFiltersAreUniquePerApplicationAndDeletedWithIt() {
        long accountId = database().write(StoreFixtures::tenant);
        long productId = database().write(h -> StoreFixtures.product(h, accountId, "api"));
        long appId = database().write(h -> application(h, accountId, productId, plan(h, accountId, productId)));
        long otherApp = database().write(h -> application(h, accountId, productId, plan(h, accountId, productId)));
        long wildcard = database().write(h -> h.attach(ReferrerFilterDao.class).insert(appId, "*.example.com", NOW));
        long plain = database().write(h -> h.attach(ReferrerFilterDao.class).insert(appId, "example.org:8080", LATER));
        database().write(h -> h.attach(ReferrerFilterDao.class).insert(otherApp, "*.example.com", NOW));
        ReferrerFilterDao filters = database().jdbi().onDemand(ReferrerFilterDao.class);

        assertThat(filters.list(appId)).containsExactly(new ReferrerFilter(wildcard, appId, "*.example.com", NOW),
                new ReferrerFilter(plain, appId, "example.org:8080", LATER));
        assertThat(filters.find(otherApp, wildcard)).as("scoped by application").isEmpty();
        Throwable duplicate = catchThrowable(() -> database().write(h -> h.attach(ReferrerFilterDao.class)
                .insert(appId, "*.example.com", NOW)));
        assertThat(Database.violatedUniqueIndex(duplicate)).contains("ux_referrer_filters_value");

        assertThat(changes(h -> h.attach(ReferrerFilterDao.class).delete(plain))).isEqualTo(1);
        assertThat(filters.list(appId)).extracting(ReferrerFilter::value).containsExactly("*.example.com");
        assertThat(changes(h -> h.attach(ApplicationDao.class).delete(appId))).isEqualTo(1);
        int left = database().read(h -> h.createQuery("SELECT COUNT(*) FROM referrer_filters WHERE application_id = :id")
                .bind("id", appId).mapTo(Integer.class).one());
        assertThat(left).isZero();
        assertThat(filters.list(otherApp)).hasSize(1);
    }

    @Test
    default void productsDoNotRequireReferrerFiltersUntilSet() {
        long accountId = database().write(StoreFixtures::tenant);
        long productId = database().write(h -> StoreFixtures.product(h, accountId, "api"));
        ProductDao products = database().jdbi().onDemand(ProductDao.class);
        assertThat(products.find(accountId, productId).orElseThrow().referrerFiltersRequired()).isFalse();

        assertThat(changes(h -> h.attach(ProductDao.class).setReferrerFiltersRequired(accountId, productId, true,
                LATER))).isEqualTo(1);

        assertThat(products.find(accountId, productId).orElseThrow()).satisfies(p -> {
            assertThat(p.referrerFiltersRequired()).isTrue();
            assertThat(p.updatedAt()).isEqualTo(LATER);
        });
        assertThat(changes(h -> h.attach(ProductDao.class).setReferrerFiltersRequired(accountId + 1_000_000,
                productId, false, LATER))).as("scoped by tenant").isZero();
    }

    @Test
    default void readsEveryRowTheMeterNeedsInOneSnapshotTransaction() {
        long accountId = database().write(StoreFixtures::tenant);
        String digest = unique("digest");
        database().write(h -> h.attach(AccountDao.class).setProviderKeyHash(accountId, digest, NOW));
        long productId = database().write(h -> StoreFixtures.product(h, accountId, "api"));
        long backendId = database().write(h -> StoreFixtures.backend(h, accountId, "backend"));
        long hits = database().write(h -> StoreFixtures.metric(h, accountId, Owner.product(productId), null, "hits"));
        long backendHits = database().write(h -> StoreFixtures.metric(h, accountId, Owner.backend(backendId), null,
                "hits"));
        long backendMethod = database().write(h -> StoreFixtures.metric(h, accountId, Owner.backend(backendId),
                backendHits, "get"));
        database().write(h -> h.attach(BackendUsageDao.class).insert(accountId, productId, backendId, "/", NOW));
        String token = unique("token");
        database().write(h -> h.attach(ServiceTokenDao.class).insert(productId, token, NOW));
        long planId = database().write(h -> plan(h, accountId, productId));
        database().write(h -> h.attach(UsageLimitDao.class).insert(accountId, planId, backendMethod, "minute", 5, NOW));
        database().write(h -> h.attach(UsageLimitDao.class).insert(accountId, planId, hits, "eternity", 0, NOW));
        long appId = database().write(h -> application(h, accountId, productId, planId));
        database().write(h -> h.attach(ApplicationDao.class).addKey(appId, "key-1", NOW));
        database().write(h -> h.attach(ReferrerFilterDao.class).insert(appId, "*.example.com", NOW));

        record Rows(List<TenantRow> tenants, List<ServiceRow> services, List<ServiceTokenRow> tokens,
                List<MetricRow> metrics, List<BackendUsageRow> usages, List<PlanRow> plans, List<LimitRow> limits,
                List<ApplicationRow> apps, List<ValueRow> keys, List<ValueRow> filters) {
        }
        Rows rows = database().readSnapshot(h -> {
            MeterConfigDao dao = h.attach(MeterConfigDao.class);
            return new Rows(dao.tenants(), dao.services(), dao.serviceTokens(), dao.metrics(), dao.backendUsages(),
                    dao.plans(), dao.limits(), dao.applications(), dao.applicationKeys(), dao.referrerFilters());
        });

        assertThat(rows.tenants()).contains(new TenantRow(accountId, digest, "approved"));
        assertThat(rows.services()).filteredOn(s -> s.accountId() == accountId)
                .containsExactly(new ServiceRow(productId, accountId, "1", "incomplete", false));
        assertThat(rows.tokens()).filteredOn(t -> t.serviceId() == productId)
                .containsExactly(new ServiceTokenRow(productId, token));
        assertThat(rows.metrics()).filteredOn(m -> m.id() >= hits && m.id() <= backendMethod).containsExactly(
                new MetricRow(hits, productId, null, null, "hits"),
                new MetricRow(backendHits, null, backendId, null, "hits"),
                new MetricRow(backendMethod, null, backendId, backendHits, "get"));
        assertThat(rows.usages()).filteredOn(u -> u.serviceId() == productId)
                .containsExactly(new BackendUsageRow(productId, backendId));
        assertThat(rows.plans()).filteredOn(p -> p.serviceId() == productId)
                .containsExactly(new PlanRow(planId, productId, "Plan"));
        assertThat(rows.limits()).filteredOn(l -> l.planId() == planId).containsExactly(
                new LimitRow(planId, backendMethod, "minute", 5), new LimitRow(planId, hits, "eternity", 0));
        assertThat(rows.apps()).filteredOn(a -> a.id() == appId)
                .containsExactly(new ApplicationRow(appId, productId, planId, "live", null, "app-" + appId,
                        "https://example.com/cb"));
        assertThat(rows.keys()).filteredOn(k -> k.ownerId() == appId).containsExactly(new ValueRow(appId, "key-1"));
        assertThat(rows.filters()).filteredOn(f -> f.ownerId() == appId)
                .containsExactly(new ValueRow(appId, "*.example.com"));
    }

    @Test
    default void snapshotReadsRejectWrites() {
        long accountId = database().write(StoreFixtures::tenant);

        Throwable failure = catchThrowable(() -> database().readSnapshot(h -> StoreFixtures.product(h, accountId,
                "sneaky")));

        assertThat(failure).as("a write inside Database.readSnapshot").isNotNull();
        assertThat(database().jdbi().onDemand(ProductDao.class).findBySystemName(accountId, "sneaky")).isEmpty();
        long fine = database().write(h -> StoreFixtures.product(h, accountId, "fine"));
        assertThat(fine).isPositive();
    }

    private static long plan(Handle h, long accountId, long productId) {
        return h.attach(ApplicationPlanDao.class).insert(accountId, productId, unique("plan"),
                new ApplicationPlanDao.Values("Plan", "published", false, BigDecimal.ZERO, BigDecimal.ZERO, null, 0),
                NOW);
    }

    private static long application(Handle h, long accountId, long productId, long planId) {
        long id = h.attach(ApplicationDao.class).insert(new ApplicationDao.NewApplication(accountId, accountId,
                productId, planId, "App", null, "live", null, null, "https://example.com/cb"), NOW);
        // app_id is unique per tenant: derive it from the generated id.
        h.createUpdate("UPDATE applications SET app_id = :appId WHERE id = :id")
                .bind("appId", "app-" + id).bind("id", id).execute();
        return id;
    }
}
