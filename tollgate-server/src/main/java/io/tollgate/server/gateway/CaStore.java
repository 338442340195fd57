package io.tollgate.server.gateway;

import io.tollgate.store.CertificateAuthorityDao;
import io.tollgate.store.CertificateAuthorityDao.StoredCa;
import io.tollgate.store.Database;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the installation's CA from the system database, creating it on the very first call. The key
 * is stored encrypted when an installation secret is configured, and gets encrypted the first time a
 * secret is configured on an installation that had none. A key stored encrypted cannot be used
 * without the secret: that is a start-up failure with a message saying so, never a new CA (which
 * would orphan every registered gateway).
 */
final class CaStore {
    private static final Logger LOG = LoggerFactory.getLogger(CaStore.class);

    private CaStore() {
    }

    static CertificateAuthority loadOrCreate(Database database, Clock clock, String secret) {
        Optional<StoredCa> stored = database.read(h -> h.attach(CertificateAuthorityDao.class).find());
        if (stored.isEmpty()) {
            CertificateAuthority created = CertificateAuthority.create(clock);
            String key = created.privateKeyPem();
            try {
                database.write(h -> {
                    h.attach(CertificateAuthorityDao.class).insert(created.certificatePem(),
                            secret == null ? key : KeySealing.seal(key, secret),
                            secret == null ? KeySealing.NONE : KeySealing.AES_GCM, clock.instant());
                    return null;
                });
                LOG.info("Gateway CA created ({}; key {})", created.certificate().getSubjectX500Principal().getName(),
                        secret == null ? "unencrypted, set " + GatewaySettings.SECRET_KEY + " to encrypt it"
                                : "encrypted with " + GatewaySettings.SECRET_KEY);
                return created;
            } catch (RuntimeException e) {
                if (Database.violatedUniqueIndex(e).isEmpty()) {
                    throw e;
                }
                // Another replica created it first: use that one.
                stored = database.read(h -> h.attach(CertificateAuthorityDao.class).find());
            }
        }
        StoredCa ca = stored.orElseThrow();
        if (KeySealing.NONE.equals(ca.keyProtection())) {
            CertificateAuthority loaded = CertificateAuthority.parse(ca.certificatePem(), ca.privateKey(), clock);
            if (secret != null) {
                database.write(h -> h.attach(CertificateAuthorityDao.class)
                        .updateKey(KeySealing.seal(ca.privateKey(), secret), KeySealing.AES_GCM));
                LOG.info("Gateway CA key now encrypted with {}", GatewaySettings.SECRET_KEY);
            }
            return loaded;
        }
        if (secret == null) {
            throw new IllegalStateException("the gateway CA's key is stored encrypted: set "
                    + GatewaySettings.SECRET_KEY + " to the installation secret it was encrypted with");
        }
        return CertificateAuthority.parse(ca.certificatePem(), KeySealing.open(ca.privateKey(), secret), clock);
    }
}
