package io.tollgate.store;

import static io.tollgate.store.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tollgate.model.Feature;
import io.tollgate.model.Owner;
import io.tollgate.model.Product;
import java.util.Optional;
import org.jdbi.v3.core.HandleCallback;
import org.junit.jupiter.api.Test;

/**
 * Constraints on each engine: every unique index is named in the violation, system names are case-
 * and accent-sensitive, other integrity violations are not reported as unique ones, and the
 * one-owner checks on metrics and mapping rules hold.
 */
interface ConstraintContract extends StoreContractSupport {
    @Test
    default void namesTheViolatedUniqueIndexOnEveryTable() {
        long accountId = database().write(StoreFixtures::tenant);
        // Values that look like index names must not be mistaken for the index.
        long productId = database().write(h -> StoreFixtures.product(h, accountId, "ux_products_trap"));
        long backendId = database().write(h -> StoreFixtures.backend(h, accountId, "ux_backends_trap"));
        long otherBackendId = database().write(h -> StoreFixtures.backend(h, accountId, "other"));
        long userId = database().write(h -> h.attach(UserDao.class).insert(accountId, "ux_user", "ux_a@example.com",
                null, "admin", "active", NOW));
        database().write(h -> StoreFixtures.metric(h, accountId, Owner.product(productId), null, "ux_metric"));
        database().write(h -> StoreFixtures.metric(h, accountId, Owner.backend(backendId), null, "ux_metric"));
        database().write(h -> h.attach(BackendUsageDao.class).insert(accountId, productId, backendId, "/ux_v1", NOW));
        database().write(h -> h.attach(FeatureDao.class).insert(accountId, productId, "F", "ux_f", null, "ServicePlan",
                true, NOW));
        database().write(h -> h.attach(AccessTokenDao.class).insert(userId, accountId, "t", "", "rw",
                "ux_token_" + accountId, null, NOW));
        String subdomain = database().read(h -> h.attach(AccountDao.class).find(accountId)).orElseThrow().subdomain();

        assertViolates("ux_accounts_subdomain", h -> h.attach(AccountDao.class).insert("provider", null, "Dup",
                subdomain, "approved", null, null, null, null, null, NOW));
        assertViolates("ux_users_username", h -> h.attach(UserDao.class).insert(accountId, "ux_user",
                "other@example.com", null, "member", "active", NOW));
        assertViolates("ux_users_email", h -> h.attach(UserDao.class).insert(accountId, "other", "ux_a@example.com",
                null, "member", "active", NOW));
        assertViolates("ux_access_tokens_value", h -> h.attach(AccessTokenDao.class).insert(userId, accountId, "t",
                "", "rw", "ux_token_" + accountId, null, NOW));
        assertViolates("ux_services_system_name", h -> StoreFixtures.product(h, accountId, "ux_products_trap"));
        assertViolates("ux_backend_apis_system_name", h -> StoreFixtures.backend(h, accountId, "ux_backends_trap"));
        assertViolates("ux_metrics_service_name",
                h -> StoreFixtures.metric(h, accountId, Owner.product(productId), null, "ux_metric"));
        assertViolates("ux_metrics_backend_name",
                h -> StoreFixtures.metric(h, accountId, Owner.backend(backendId), null, "ux_metric"));
        assertViolates("ux_backend_usages_backend", h -> h.attach(BackendUsageDao.class).insert(accountId, productId,
                backendId, "/other", NOW));
        assertViolates("ux_backend_usages_path", h -> h.attach(BackendUsageDao.class).insert(accountId, productId,
                otherBackendId, "/ux_v1", NOW));
        assertViolates("ux_proxies_service", h -> {
            StoreFixtures.proxy(h, accountId, productId);
            return StoreFixtures.proxy(h, accountId, productId);
        });
        assertViolates("ux_features_system_name", h -> h.attach(FeatureDao.class).insert(accountId, productId, "G",
                "ux_f", null, "ServicePlan", false, NOW));
        // The failed writes rolled back: the proxy inserted before the duplicate is gone too.
        assertThat(find(database(), h -> h.attach(ProxyDao.class).findByProduct(productId))).isEmpty();
    }

    private void assertViolates(String index, HandleCallback<Long, RuntimeException> write) {
        Throwable failure = catchThrowable(() -> database().write(write));
        assertThat(failure).as(index).isNotNull();
        assertThat(Database.violatedUniqueIndex(failure)).as("index named in: %s", failure.getMessage()).contains(index);
    }

    @Test
    default void uniqueSystemNamesAreCaseAndAccentSensitiveOnEveryEngine() {
        long accountId = database().write(StoreFixtures::tenant);
        long lower = database().write(h -> StoreFixtures.product(h, accountId, "pets"));
        long upper = database().write(h -> StoreFixtures.product(h, accountId, "Pets"));

        ProductDao products = database().jdbi().onDemand(ProductDao.class);
        assertThat(products.findBySystemName(accountId, "pets")).map(Product::id).contains(lower);
        assertThat(products.findBySystemName(accountId, "Pets")).map(Product::id).contains(upper);
        assertThat(products.findBySystemName(accountId, "PETS")).isEmpty();

        // Nor accent-insensitive: "é" is not "e".
        long plain = database().write(h -> h.attach(FeatureDao.class).insert(accountId, lower, "Cafe", "cafe", null,
                "ServicePlan", true, NOW));
        long accented = database().write(h -> h.attach(FeatureDao.class).insert(accountId, lower, "Café", "café", null,
                "ServicePlan", true, NOW));
        assertThat(find(database(), h -> h.attach(FeatureDao.class).findBySystemName(lower, "café")))
                .map(Feature::id).contains(accented).isNotEqualTo(Optional.of(plain));
    }

    @Test
    default void doesNotReportOtherIntegrityViolationsAsUniqueIndexes() {
        long accountId = database().write(StoreFixtures::tenant);
        Throwable foreignKey = catchThrowable(() -> database().write(h -> StoreFixtures.product(h, -1, "orphan")));
        Throwable check = catchThrowable(() -> database().write(h -> h.attach(MetricDao.class).insert(accountId,
                (Long) null, null, null, "hits", "Hits", "hit", null, NOW)));

        assertThat(foreignKey).isNotNull();
        assertThat(check).isNotNull();
        assertThat(Database.violatedUniqueIndex(foreignKey)).as(foreignKey.getMessage()).isEmpty();
        assertThat(Database.violatedUniqueIndex(check)).as(check.getMessage()).isEmpty();
    }

    @Test
    default void rejectsMetricsAndMappingRulesWithBothOrNeitherOwner() {
        long accountId = database().write(StoreFixtures::tenant);
        long productId = database().write(h -> StoreFixtures.product(h, accountId, "api"));
        long backendId = database().write(h -> StoreFixtures.backend(h, accountId, "backend"));
        long hits = database().write(h -> StoreFixtures.metric(h, accountId, Owner.product(productId), null, "hits"));

        assertThatThrownBy(() -> database().write(h -> h.attach(MetricDao.class).insert(accountId, productId,
                backendId, null, "both", "Both", "hit", null, NOW))).hasMessageFindingMatch("(?i)ck_metrics_owner");
        assertThatThrownBy(() -> database().write(h -> h.attach(MetricDao.class).insert(accountId, (Long) null,
                null, null, "neither", "Neither", "hit", null, NOW))).hasMessageFindingMatch("(?i)ck_metrics_owner");
        assertThatThrownBy(() -> database().write(h -> h.attach(MappingRuleDao.class).insert(accountId, productId,
                backendId, hits, "GET", "/", 1, 1, false, null, NOW))).hasMessageFindingMatch("(?i)ck_mapping_rules_owner");
        assertThatThrownBy(() -> database().write(h -> h.attach(MappingRuleDao.class).insert(accountId, null,
                null, hits, "GET", "/", 1, 1, false, null, NOW))).hasMessageFindingMatch("(?i)ck_mapping_rules_owner");

        assertThat(ownedRows(database(), accountId))
                .containsEntry("metrics", 1).containsEntry("mapping_rules", 0);
    }
}
