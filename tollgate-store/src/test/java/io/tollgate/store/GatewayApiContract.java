package io.tollgate.store;

import static io.tollgate.store.StoreFixtures.LATER;
import static io.tollgate.store.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.store.GatewayApiDao.GatewayApi;
import org.junit.jupiter.api.Test;

/**
 * Placements of products on gateways on each engine: one placement per product, one API per port of
 * a gateway, only http or https, the PEM texts round-trip, lookups are per tenant, and deleting the
 * product deletes its placement.
 */
interface GatewayApiContract extends StoreContractSupport {
    @Test
    default void placesAProductOnAGatewayPortOnceAndRoundTripsItsListener() {
        long accountId = database().write(StoreFixtures::tenant);
        long other = database().write(StoreFixtures::tenant);
        long gateway = database().write(h -> h.attach(GatewayDao.class).insert(accountId, "production", "edge", true,
                NOW));
        long product = database().write(h -> StoreFixtures.product(h, accountId, "api"));
        long second = database().write(h -> StoreFixtures.product(h, accountId, "api2"));
        String pem = "-----BEGIN CERTIFICATE-----\n" + StoreFixtures.longText(4000) + "\n-----END CERTIFICATE-----\n";
        long id = database().write(h -> h.attach(GatewayApiDao.class).insert(accountId, product, gateway, 8443,
                "https", pem, "key", NOW));

        GatewayApi placed = find(database(), h -> h.attach(GatewayApiDao.class).find(accountId, id)).orElseThrow();
        assertThat(placed.serviceId()).isEqualTo(product);
        assertThat(placed.gatewayId()).isEqualTo(gateway);
        assertThat(placed.port()).isEqualTo(8443);
        assertThat(placed.scheme()).isEqualTo("https");
        assertThat(placed.certificatePem()).isEqualTo(pem);
        assertThat(placed.privateKey()).isEqualTo("key");
        assertThat(placed.toString()).doesNotContain("key").doesNotContain("BEGIN");
        assertThat(find(database(), h -> h.attach(GatewayApiDao.class).find(other, id))).isEmpty();
        assertThat(find(database(), h -> h.attach(GatewayApiDao.class).findByPort(gateway, 8443))).isPresent();
        assertThat(list(database(), h -> h.attach(GatewayApiDao.class).listByGateway(accountId, gateway)))
                .extracting(GatewayApi::id).containsExactly(id);
        assertThat(list(database(), h -> h.attach(GatewayApiDao.class).list(other))).isEmpty();

        assertThatThrownBy(() -> database().write(h -> h.attach(GatewayApiDao.class).insert(accountId, second,
                gateway, 8443, "http", null, null, NOW))).satisfies(e -> assertThat(Database.violatedUniqueIndex(e))
                        .contains("ux_gateway_apis_port"));
        assertThatThrownBy(() -> database().write(h -> h.attach(GatewayApiDao.class).insert(accountId, product,
                gateway, 9000, "http", null, null, NOW))).satisfies(e -> assertThat(Database.violatedUniqueIndex(e))
                        .contains("ux_gateway_apis_service"));
        assertThatThrownBy(() -> database().write(h -> h.attach(GatewayApiDao.class).insert(accountId, second,
                gateway, 9000, "ftp", null, null, NOW))).isInstanceOf(RuntimeException.class);

        assertThat(changes(h -> h.attach(GatewayApiDao.class).update(accountId, id, 8081, "http", null, null,
                LATER))).isEqualTo(1);
        assertThat(changes(h -> h.attach(GatewayApiDao.class).update(other, id, 1, "http", null, null, LATER)))
                .isZero();
        GatewayApi moved = find(database(), h -> h.attach(GatewayApiDao.class).findByProduct(product)).orElseThrow();
        assertThat(moved.port()).isEqualTo(8081);
        assertThat(moved.certificatePem()).isNull();
        assertThat(moved.updatedAt()).isEqualTo(LATER);

        assertThat(changes(h -> h.attach(ProductDao.class).delete(accountId, product))).isEqualTo(1);
        assertThat(find(database(), h -> h.attach(GatewayApiDao.class).find(accountId, id))).isEmpty();
    }
}
