package io.tollgate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.store.CertificateAuthorityDao;
import io.tollgate.store.Database;
import io.tollgate.store.DatabaseConfig;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CA in the system database: created once and then reloaded (same certificate), its key
 * encrypted under the installation secret, encrypted later when a secret is configured, and never
 * usable (nor silently replaced) without the right secret.
 */
class CaStoreTest {
    private Database database;

    @BeforeEach
    void open() {
        database = Database.open(new DatabaseConfig("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa",
                "", 2));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void storesTheKeyEncryptedUnderTheSecretAndReloadsTheSameCa() {
        CertificateAuthority created = CaStore.loadOrCreate(database, Clock.systemUTC(), "the-installation-secret");
        CertificateAuthorityDao.StoredCa stored = database.read(h -> h.attach(CertificateAuthorityDao.class).find())
                .orElseThrow();

        assertThat(stored.keyProtection()).isEqualTo("aes-256-gcm");
        assertThat(stored.privateKey()).doesNotContain("PRIVATE KEY").startsWith("v1$");
        CertificateAuthority reloaded = CaStore.loadOrCreate(database, Clock.systemUTC(), "the-installation-secret");
        assertThat(reloaded.certificate()).isEqualTo(created.certificate());
        assertThat(reloaded.privateKeyPem()).isEqualTo(created.privateKeyPem());
    }

    @Test
    void refusesAWrongOrMissingSecretInsteadOfMakingANewCa() {
        CaStore.loadOrCreate(database, Clock.systemUTC(), "the-installation-secret");

        assertThatThrownBy(() -> CaStore.loadOrCreate(database, Clock.systemUTC(), "another-secret-entirely"))
                .hasMessageContaining("cannot be decrypted with this TOLLGATE_SECRET_KEY");
        assertThatThrownBy(() -> CaStore.loadOrCreate(database, Clock.systemUTC(), null))
                .hasMessageContaining("set TOLLGATE_SECRET_KEY");
        int rows = database.read(h -> h.createQuery("SELECT COUNT(*) FROM certificate_authorities")
                .mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void encryptsAnUnencryptedKeyOnceASecretIsConfigured() {
        CertificateAuthority created = CaStore.loadOrCreate(database, Clock.systemUTC(), null);
        assertThat(database.read(h -> h.attach(CertificateAuthorityDao.class).find()).orElseThrow().privateKey())
                .contains("BEGIN PRIVATE KEY");

        CaStore.loadOrCreate(database, Clock.systemUTC(), "configured-later-secret");

        assertThat(database.read(h -> h.attach(CertificateAuthorityDao.class).find()).orElseThrow().keyProtection())
                .isEqualTo("aes-256-gcm");
        assertThat(CaStore.loadOrCreate(database, Clock.systemUTC(), "configured-later-secret").certificate())
                .isEqualTo(created.certificate());
    }

    @Test
    void readsSettingsFromTheEnvironmentNamingABadVariable() {
        GatewaySettings defaults = GatewaySettings.fromEnvironment(name -> null);
        assertThat(defaults.tokenTtl()).isEqualTo(GatewaySettings.DEFAULT_TOKEN_TTL);
        assertThat(defaults.heartbeatWindow().toSeconds()).isEqualTo(60);
        assertThat(defaults.secretKey()).isNull();
        GatewaySettings set = GatewaySettings.fromEnvironment(name -> switch (name) {
            case "TOLLGATE_GATEWAY_HEARTBEAT_WINDOW" -> "15";
            case "TOLLGATE_GATEWAY_API_URL" -> "https://cp.example.com:3002";
            default -> null;
        });
        assertThat(set.heartbeatWindow().toSeconds()).isEqualTo(15);
        assertThat(set.gatewayApiHosts()).contains("localhost", "cp.example.com");
        assertThatThrownBy(() -> GatewaySettings.fromEnvironment(name -> name.equals("TOLLGATE_GATEWAY_TOKEN_TTL")
                ? "4h" : null)).hasMessage("TOLLGATE_GATEWAY_TOKEN_TTL: 4h (expected: a whole number of seconds > 0)");
        assertThatThrownBy(() -> GatewaySettings.fromEnvironment(name -> name.equals("TOLLGATE_SECRET_KEY")
                ? "short" : null)).hasMessageContaining("TOLLGATE_SECRET_KEY: too short");
        assertThat(GatewaySettings.fromEnvironment(name -> name.equals("TOLLGATE_SECRET_KEY")
                ? "long-enough-secret-value" : null).toString()).doesNotContain("long-enough");
    }
}
