package io.tollgate.store;

import static io.tollgate.store.StoreFixtures.LATER;
import static io.tollgate.store.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.model.ActiveDoc;
import io.tollgate.model.CustomPolicy;
import org.junit.jupiter.api.Test;

/**
 * OpenAPI documents and the policy registry on each engine: long unicode bodies round-trip, system
 * names are unique per tenant, policy versions per tenant and name, and deleting a product deletes
 * its documents but not the tenant's other ones.
 */
interface ApiDocsAndRegistryContract extends StoreContractSupport {
    @Test
    default void roundTripsAnActiveDocWithALongUnicodeBody() {
        long accountId = database().write(StoreFixtures::tenant);
        long productId = database().write(h -> StoreFixtures.product(h, accountId, "api"));
        String body = "{\"openapi\":\"3.0.0\",\"info\":{\"title\":\"" + StoreFixtures.UNICODE + "\"},\"x\":\""
                + StoreFixtures.longText(300_000).replace("\"", "'").replace("\n", " ") + "\"}";
        ActiveDocDao.Row row = new ActiveDocDao.Row(productId, "Pets " + StoreFixtures.UNICODE, "pets",
                "About pets", true, false, body);
        long id = database().write(h -> h.attach(ActiveDocDao.class).insert(accountId, row, NOW));

        ActiveDoc stored = find(database(), h -> h.attach(ActiveDocDao.class).find(accountId, id)).orElseThrow();
        assertThat(stored).isEqualTo(new ActiveDoc(id, accountId, productId, row.name(), "pets", "About pets",
                true, false, body, NOW.truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                NOW.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));

        ActiveDocDao.Row changed = new ActiveDocDao.Row(null, "Renamed", "ignored", null, false, true, "{}");
        assertThat(changes(h -> h.attach(ActiveDocDao.class).update(accountId, id, changed, LATER))).isEqualTo(1);
        ActiveDoc updated = find(database(), h -> h.attach(ActiveDocDao.class).findBySystemName(accountId, "pets"))
                .orElseThrow();
        assertThat(updated.serviceId()).isNull();
        assertThat(updated.name()).isEqualTo("Renamed");
        assertThat(updated.body()).isEqualTo("{}");
        assertThat(updated.updatedAt()).isEqualTo(LATER);
    }

    @Test
    default void activeDocSystemNamesAreUniquePerTenant() {
        long first = database().write(StoreFixtures::tenant);
        long second = database().write(StoreFixtures::tenant);
        database().write(h -> h.attach(ActiveDocDao.class).insert(first, StoreFixtures.activeDoc(null, "docs"), NOW));
        database().write(h -> h.attach(ActiveDocDao.class).insert(second, StoreFixtures.activeDoc(null, "docs"), NOW));

        assertThatThrownBy(() -> database().write(h -> h.attach(ActiveDocDao.class)
                .insert(first, StoreFixtures.activeDoc(null, "docs"), NOW)))
                .satisfies(e -> assertThat(Database.violatedUniqueIndex(e)).contains("ux_active_docs_system_name"));
        assertThat(list(database(), h -> h.attach(ActiveDocDao.class).list(first))).hasSize(1);
    }

    @Test
    default void deletingAProductDeletesItsActiveDocsOnly() {
        long accountId = database().write(StoreFixtures::tenant);
        long doomed = database().write(h -> StoreFixtures.product(h, accountId, "doomed"));
        long kept = database().write(h -> StoreFixtures.product(h, accountId, "kept"));
        database().write(h -> h.attach(ActiveDocDao.class).insert(accountId, StoreFixtures.activeDoc(doomed, "a"), NOW));
        database().write(h -> h.attach(ActiveDocDao.class).insert(accountId, StoreFixtures.activeDoc(kept, "b"), NOW));
        database().write(h -> h.attach(ActiveDocDao.class).insert(accountId, StoreFixtures.activeDoc(null, "c"), NOW));

        database().write(h -> h.attach(ProductDao.class).delete(accountId, doomed));

        assertThat(list(database(), h -> h.attach(ActiveDocDao.class).list(accountId)))
                .extracting(ActiveDoc::systemName).containsExactly("b", "c");
    }

    @Test
    default void roundTripsCustomPoliciesUniquePerNameAndVersion() {
        long accountId = database().write(StoreFixtures::tenant);
        long id = database().write(h -> h.attach(CustomPolicyDao.class)
                .insert(accountId, "my_policy", "1.0.0", StoreFixtures.MANIFEST, NOW));
        database().write(h -> h.attach(CustomPolicyDao.class)
                .insert(accountId, "my_policy", "2.0.0", StoreFixtures.MANIFEST, NOW));

        CustomPolicy stored = find(database(), h -> h.attach(CustomPolicyDao.class)
                .findByNameAndVersion(accountId, "my_policy", "1.0.0")).orElseThrow();
        assertThat(stored.id()).isEqualTo(id);
        assertThat(stored.schema().path("summary").asText()).isEqualTo("Does things");
        assertThat(stored.schema().path("configuration").path("type").asText()).isEqualTo("object");

        assertThatThrownBy(() -> database().write(h -> h.attach(CustomPolicyDao.class)
                .insert(accountId, "my_policy", "1.0.0", StoreFixtures.MANIFEST, NOW)))
                .satisfies(e -> assertThat(Database.violatedUniqueIndex(e)).contains("ux_custom_policies_version"));
        assertThat(changes(h -> h.attach(CustomPolicyDao.class).delete(accountId, id))).isEqualTo(1);
        assertThat(list(database(), h -> h.attach(CustomPolicyDao.class).list(accountId)))
                .extracting(CustomPolicy::version).containsExactly("2.0.0");
    }
}
