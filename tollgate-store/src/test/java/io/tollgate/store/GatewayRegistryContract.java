package io.tollgate.store;

import static io.tollgate.store.StoreFixtures.LATER;
import static io.tollgate.store.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.common.Secrets;
import io.tollgate.store.GatewayDao.Gateway;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * The gateway registry on each engine: a registration token is spent exactly once and never after
 * it expires, a gateway name stays taken per tenant and environment even after deletion, lists
 * are per tenant, connected apps are found only by client id and the secret's digest, and the CA
 * row is a singleton.
 */
interface GatewayRegistryContract extends StoreContractSupport {
    @Test
    default void spendsARegistrationTokenOnceAndNeverAfterItExpires() {
        long accountId = database().write(StoreFixtures::tenant);
        String hash = Secrets.sha256(StoreFixtures.unique("token"));
        long id = database().write(h -> h.attach(GatewayTokenDao.class).insert(accountId, "staging", hash, null,
                LATER, NOW));
        String expiredHash = Secrets.sha256(StoreFixtures.unique("token"));
        long expired = database().write(h -> h.attach(GatewayTokenDao.class).insert(accountId, "staging",
                expiredHash, null, NOW, NOW));

        assertThat(changes(h -> h.attach(GatewayTokenDao.class).spend(expired, NOW))).isZero();
        assertThat(changes(h -> h.attach(GatewayTokenDao.class).spend(id, NOW))).isEqualTo(1);
        assertThat(changes(h -> h.attach(GatewayTokenDao.class).spend(id, NOW))).isZero();
        GatewayTokenDao.RegistrationToken token = find(database(), h -> h.attach(GatewayTokenDao.class)
                .findByHash(hash)).orElseThrow();
        assertThat(token.accountId()).isEqualTo(accountId);
        assertThat(token.environment()).isEqualTo("staging");
        assertThat(token.usedAt()).isEqualTo(NOW.truncatedTo(ChronoUnit.MILLIS));
        assertThat(token.expiresAt()).isEqualTo(LATER);
    }

    @Test
    default void keepsADeletedGatewaysNameTakenInItsTenantAndEnvironment() {
        long accountId = database().write(StoreFixtures::tenant);
        long other = database().write(StoreFixtures::tenant);
        long id = database().write(h -> h.attach(GatewayDao.class).insert(accountId, "production", "edge", true,
                NOW));
        database().write(h -> h.attach(GatewayDao.class).certificateIssued(id, "0a1b", LATER, NOW));
        assertThat(changes(h -> h.attach(GatewayDao.class).delete(accountId, id, LATER))).isEqualTo(1);
        assertThat(changes(h -> h.attach(GatewayDao.class).delete(other, id, LATER))).isZero();

        assertThatThrownBy(() -> database().write(h -> h.attach(GatewayDao.class).insert(accountId, "production",
                "edge", false, NOW))).satisfies(e -> assertThat(Database.violatedUniqueIndex(e))
                        .contains("ux_gateways_name"));
        database().write(h -> h.attach(GatewayDao.class).insert(accountId, "staging", "edge", false, NOW));
        database().write(h -> h.attach(GatewayDao.class).insert(other, "production", "edge", false, NOW));

        Gateway deleted = find(database(), h -> h.attach(GatewayDao.class).findById(id)).orElseThrow();
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.certificateSerial()).isEqualTo("0a1b");
        assertThat(deleted.certificateExpiresAt()).isEqualTo(LATER);
        assertThat(find(database(), h -> h.attach(GatewayDao.class).find(accountId, id))).isEmpty();
        assertThat(list(database(), h -> h.attach(GatewayDao.class).list(accountId)))
                .extracting(Gateway::environment, Gateway::name, Gateway::connected)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("staging", "edge", false));
        assertThat(list(database(), h -> h.attach(GatewayDao.class).list(accountId, "production"))).isEmpty();
        assertThat(list(database(), h -> h.attach(GatewayDao.class).list(other, "production"))).hasSize(1);
    }

    @Test
    default void recordsHeartbeatsOnlyForGatewaysThatAreNotDeleted() {
        long accountId = database().write(StoreFixtures::tenant);
        long id = database().write(h -> h.attach(GatewayDao.class).insert(accountId, "production", "hb", true,
                NOW));
        assertThat(changes(h -> h.attach(GatewayDao.class).heartbeat(id, "1.2.3", LATER))).isEqualTo(1);
        Gateway seen = find(database(), h -> h.attach(GatewayDao.class).find(accountId, id)).orElseThrow();
        assertThat(seen.version()).isEqualTo("1.2.3");
        assertThat(seen.lastSeenAt()).isEqualTo(LATER);

        database().write(h -> h.attach(GatewayDao.class).delete(accountId, id, LATER));
        assertThat(changes(h -> h.attach(GatewayDao.class).heartbeat(id, "9", LATER))).isZero();
    }

    @Test
    default void findsAConnectedAppOnlyByItsClientIdAndSecretDigest() {
        long accountId = database().write(StoreFixtures::tenant);
        String clientId = StoreFixtures.unique("client");
        String digest = Secrets.sha256("secret");
        long id = database().write(h -> h.attach(ConnectedAppDao.class).insert(accountId, "ci", clientId, digest,
                "read_servers,manage_servers", NOW));

        assertThat(find(database(), h -> h.attach(ConnectedAppDao.class).findByCredentials(clientId, digest)))
                .hasValueSatisfying(app -> {
                    assertThat(app.id()).isEqualTo(id);
                    assertThat(app.accountId()).isEqualTo(accountId);
                    assertThat(app.scopes()).isEqualTo("read_servers,manage_servers");
                });
        assertThat(find(database(), h -> h.attach(ConnectedAppDao.class)
                .findByCredentials(clientId, Secrets.sha256("wrong")))).isEmpty();
        assertThatThrownBy(() -> database().write(h -> h.attach(ConnectedAppDao.class).insert(accountId, "again",
                clientId, digest, "read_servers", NOW))).satisfies(e -> assertThat(Database.violatedUniqueIndex(e))
                        .contains("ux_connected_apps_client_id"));
        assertThat(changes(h -> h.attach(ConnectedAppDao.class).delete(accountId + 1_000_000, id))).isZero();
        assertThat(changes(h -> h.attach(ConnectedAppDao.class).delete(accountId, id))).isEqualTo(1);
        assertThat(list(database(), h -> h.attach(ConnectedAppDao.class).list(accountId))).isEmpty();
    }

    @Test
    default void storesOneCertificateAuthority() {
        database().write(h -> {
            h.execute("DELETE FROM certificate_authorities");
            return null;
        });
        String longPem = "-----BEGIN CERTIFICATE-----\n" + StoreFixtures.longText(6_000) + "\n-----END CERTIFICATE-----";
        database().write(h -> {
            h.attach(CertificateAuthorityDao.class).insert(longPem, "key", "none", NOW);
            return null;
        });
        assertThatThrownBy(() -> database().write(h -> {
            h.attach(CertificateAuthorityDao.class).insert("other", "key", "none", NOW);
            return null;
        })).satisfies(e -> assertThat(Database.violatedUniqueIndex(e)).contains("ux_certificate_authorities_singleton"));
        assertThat(changes(h -> h.attach(CertificateAuthorityDao.class).updateKey("sealed", "aes-256-gcm")))
                .isEqualTo(1);
        CertificateAuthorityDao.StoredCa stored = find(database(), h -> h.attach(CertificateAuthorityDao.class)
                .find()).orElseThrow();
        assertThat(stored.certificatePem()).isEqualTo(longPem);
        assertThat(stored.privateKey()).isEqualTo("sealed");
        assertThat(stored.keyProtection()).isEqualTo("aes-256-gcm");
    }
}
