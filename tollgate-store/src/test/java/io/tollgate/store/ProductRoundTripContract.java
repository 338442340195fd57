package io.tollgate.store;

import static io.tollgate.store.StoreFixtures.LATER;
import static io.tollgate.store.StoreFixtures.NOW;
import static io.tollgate.store.StoreFixtures.UNICODE;
import static io.tollgate.store.StoreFixtures.longText;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.model.BackendApi;
import io.tollgate.model.BackendUsage;
import io.tollgate.model.Feature;
import io.tollgate.model.OidcConfiguration;
import io.tollgate.model.PolicyConfig;
import io.tollgate.model.Product;
import io.tollgate.model.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Round trips of the catalogue through its DAOs: products, backend APIs, backend usages, proxies
 * (with their lock version) and features, including 2 MB text columns, and id generation and paging
 * in id order.
 */
interface ProductRoundTripContract extends StoreContractSupport {
    @Test
    default void roundTripsProductsWithAnnotationsAndTwoMegabyteDescription() {
        long accountId = database().write(StoreFixtures::tenant);
        String description = longText(2 * 1024 * 1024);
        Map<String, String> annotations = Map.of("managed_by", "operator", "note", UNICODE);
        long id = database().write(h -> h.attach(ProductDao.class).insert(accountId, UNICODE, "pets", description,
                "incomplete", "2", "hosted", "support@example.com", Mappers.annotationsJson(annotations), NOW));
        ProductDao products = database().jdbi().onDemand(ProductDao.class);

        Product expected = new Product(id, accountId, UNICODE, "pets", description, "incomplete", "2", "hosted",
                "support@example.com", annotations, NOW, NOW);
        assertThat(products.find(accountId, id)).contains(expected);
        assertThat(products.findBySystemName(accountId, "pets")).contains(expected);
        assertThat(products.find(accountId + 1_000_000, id)).as("scoped by tenant").isEmpty();

        assertThat(changes(h -> h.attach(ProductDao.class).update(accountId, id, "Pets", null, "published",
                "oidc", "self_managed", null, Mappers.annotationsJson(Map.of()), LATER))).isEqualTo(1);
        assertThat(products.find(accountId, id)).contains(new Product(id, accountId, "Pets", "pets", null,
                "published", "oidc", "self_managed", null, Map.of(), NOW, LATER));

        assertThat(changes(h -> h.attach(ProductDao.class).delete(accountId, id))).isEqualTo(1);
        assertThat(products.find(accountId, id)).isEmpty();
        assertThat(products.list(accountId, 10, 0)).isEmpty();
    }

    @Test
    default void roundTripsBackendApis() {
        long accountId = database().write(StoreFixtures::tenant);
        Map<String, String> annotations = Map.of("owner", UNICODE);
        long id = database().write(h -> h.attach(BackendApiDao.class).insert(accountId, "Backend", "backend", UNICODE,
                "http://upstream:8080/v1", Mappers.annotationsJson(annotations), NOW));
        BackendApiDao backends = database().jdbi().onDemand(BackendApiDao.class);

        BackendApi expected = new BackendApi(id, accountId, "Backend", "backend", UNICODE, "http://upstream:8080/v1",
                annotations, NOW, NOW);
        assertThat(backends.find(accountId, id)).contains(expected);
        assertThat(backends.findBySystemName(accountId, "backend")).contains(expected);
        assertThat(backends.list(accountId, 10, 0)).containsExactly(expected);

        assertThat(changes(h -> h.attach(BackendApiDao.class).update(accountId, id, "Renamed", null,
                "https://other:443", null, LATER))).isEqualTo(1);
        assertThat(backends.find(accountId, id)).contains(new BackendApi(id, accountId, "Renamed", "backend", null,
                "https://other:443", Map.of(), NOW, LATER));

        assertThat(changes(h -> h.attach(BackendApiDao.class).delete(accountId, id))).isEqualTo(1);
        assertThat(backends.find(accountId, id)).isEmpty();
    }

    @Test
    default void roundTripsBackendUsages() {
        long accountId = database().write(StoreFixtures::tenant);
        long productId = database().write(h -> StoreFixtures.product(h, accountId, "api"));
        long backendId = database().write(h -> StoreFixtures.backend(h, accountId, "backend"));
        BackendUsageDao usages = database().jdbi().onDemand(BackendUsageDao.class);

        long id = database().write(h -> h.attach(BackendUsageDao.class).insert(accountId, productId, backendId,
                "/v1/ünï", NOW));
        BackendUsage expected = new BackendUsage(id, accountId, productId, backendId, "/v1/ünï", NOW, NOW);
        assertThat(usages.find(productId, id)).contains(expected);
        assertThat(usages.listByProduct(productId)).containsExactly(expected);
        assertThat(usages.listByBackend(backendId)).containsExactly(expected);

        assertThat(changes(h -> h.attach(BackendUsageDao.class).updatePath(id, "/", LATER))).isEqualTo(1);
        assertThat(usages.find(productId, id))
                .contains(new BackendUsage(id, accountId, productId, backendId, "/", NOW, LATER));

        assertThat(changes(h -> h.attach(BackendUsageDao.class).delete(id))).isEqualTo(1);
        assertThat(usages.listByProduct(productId)).isEmpty();
    }

    @Test
    default void roundTripsProxiesWithTwoMegabyteSettingsAndCountsLockVersion() {
        long accountId = database().write(StoreFixtures::tenant);
        long productId = database().write(h -> StoreFixtures.product(h, accountId, "api"));
        var settings = StoreFixtures.settings(longText(2 * 1024 * 1024));
        var policies = List.of(new PolicyConfig("headers", "builtin",
                io.tollgate.model.Json.MAPPER.createObjectNode().put("note", UNICODE), false));
        var oidc = new OidcConfiguration(false, true, true, false);
        long id = database().write(h -> h.attach(ProxyDao.class).insert(accountId, productId, settings, policies,
                oidc, NOW));
        ProxyDao proxies = database().jdbi().onDemand(ProxyDao.class);

        assertThat(proxies.findByProduct(productId))
                .contains(new Proxy(id, accountId, productId, settings, policies, oidc, 1, NOW, NOW));

        var newSettings = StoreFixtures.settings("/health");
        assertThat(changes(h -> h.attach(ProxyDao.class).update(productId, newSettings,
                PolicyConfig.defaultChain(), OidcConfiguration.DEFAULT, LATER))).isEqualTo(1);
        assertThat(changes(h -> h.attach(ProxyDao.class).update(productId, newSettings,
                PolicyConfig.defaultChain(), OidcConfiguration.DEFAULT, LATER))).isEqualTo(1);
        assertThat(proxies.findByProduct(productId)).contains(new Proxy(id, accountId, productId, newSettings,
                PolicyConfig.defaultChain(), OidcConfiguration.DEFAULT, 3, NOW, LATER));
    }

    @Test
    default void roundTripsFeatures() {
        long accountId = database().write(StoreFixtures::tenant);
        long productId = database().write(h -> StoreFixtures.product(h, accountId, "api"));
        FeatureDao features = database().jdbi().onDemand(FeatureDao.class);

        long visible = database().write(h -> h.attach(FeatureDao.class).insert(accountId, productId, UNICODE, "sla",
                UNICODE, "ApplicationPlan", true, NOW));
        long hidden = database().write(h -> h.attach(FeatureDao.class).insert(accountId, productId, "Hidden",
                "hidden", null, "ServicePlan", false, NOW));

        Feature expected = new Feature(visible, accountId, productId, UNICODE, "sla", UNICODE, "ApplicationPlan",
                true, NOW, NOW);
        assertThat(features.find(productId, visible)).contains(expected);
        assertThat(features.findBySystemName(productId, "sla")).contains(expected);
        assertThat(features.find(productId, hidden)).get().satisfies(f -> {
            assertThat(f.visible()).isFalse();
            assertThat(f.description()).isNull();
        });
        assertThat(features.listByProduct(productId)).extracting(Feature::id).containsExactly(visible, hidden);

        assertThat(changes(h -> h.attach(FeatureDao.class).update(hidden, "Shown", "now shown",
                "ApplicationPlan", true, LATER))).isEqualTo(1);
        assertThat(features.find(productId, hidden)).contains(new Feature(hidden, accountId, productId, "Shown",
                "hidden", "now shown", "ApplicationPlan", true, NOW, LATER));

        assertThat(changes(h -> h.attach(FeatureDao.class).delete(visible))).isEqualTo(1);
        assertThat(features.listByProduct(productId)).extracting(Feature::id).containsExactly(hidden);
    }

    @Test
    default void generatesIncreasingIdsAndPagesInIdOrder() {
        long accountId = database().write(StoreFixtures::tenant);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String systemName = "product_" + (7 - i); // names sort opposite to ids
            ids.add(database().write(h -> StoreFixtures.product(h, accountId, systemName)));
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isPositive());

        ProductDao products = database().jdbi().onDemand(ProductDao.class);
        List<Long> seen = new ArrayList<>();
        for (int number = 1; number <= 4; number++) {
            Page page = new Page(number, 3);
            List<Long> pageIds = products.list(accountId, page.limit(), page.offset()).stream().map(Product::id).toList();
            assertThat(pageIds).as("page %d", number).hasSize(number < 3 ? 3 : number == 3 ? 1 : 0);
            seen.addAll(pageIds);
        }
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(products.list(accountId, Page.ALL.limit(), Page.ALL.offset())).extracting(Product::id)
                .containsExactlyElementsOf(ids);
    }
}
