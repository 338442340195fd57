package io.tollgate.store;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The installation's gateway CA: one row. Replicas starting at once race to insert it; the unique
 * {@code singleton} column lets exactly one win, and the others read the winner's row.
 */
@RegisterConstructorMapper(CertificateAuthorityDao.StoredCa.class)
public interface CertificateAuthorityDao {
    String SINGLETON = "installation";

    /**
     * The stored CA.
     *
     * @param privateKey    PKCS#8 PEM, or its ciphertext when {@code keyProtection} is not {@code none}
     * @param keyProtection {@code none} or the cipher that protects {@code privateKey}
     */
    record StoredCa(String certificatePem, String privateKey, String keyProtection, Instant createdAt) {
        @Override
        public String toString() {
            return "StoredCa[keyProtection=" + keyProtection + ", createdAt=" + createdAt + "]";
        }
    }

    @SqlQuery("SELECT certificate_pem, private_key, key_protection, created_at FROM certificate_authorities"
            + " WHERE singleton = '" + SINGLETON + "'")
    Optional<StoredCa> find();

    @SqlUpdate("INSERT INTO certificate_authorities (singleton, certificate_pem, private_key, key_protection, created_at)"
            + " VALUES ('" + SINGLETON + "', :certificatePem, :privateKey, :keyProtection, :now)")
    void insert(@Bind("certificatePem") String certificatePem, @Bind("privateKey") String privateKey,
            @Bind("keyProtection") String keyProtection, @Bind("now") Instant now);

    /** Replaces the stored form of the key (when it gets protected by a newly configured secret). */
    @SqlUpdate("UPDATE certificate_authorities SET private_key = :privateKey, key_protection = :keyProtection"
            + " WHERE singleton = '" + SINGLETON + "'")
    int updateKey(@Bind("privateKey") String privateKey, @Bind("keyProtection") String keyProtection);
}
