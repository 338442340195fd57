package io.tollgate.store;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** One-time gateway registration tokens, looked up by the SHA-256 digest of the token. */
@RegisterConstructorMapper(GatewayTokenDao.RegistrationToken.class)
public interface GatewayTokenDao {

    /** A minted token (without the token itself, which is never stored). */
    record RegistrationToken(long id, long accountId, String environment, Long createdBy, Instant expiresAt,
            Instant usedAt, Instant createdAt) {
    }

    @SqlUpdate("""
            INSERT INTO gateway_registration_tokens (account_id, environment, token_hash, created_by, expires_at,
                created_at)
            VALUES (:accountId, :environment, :tokenHash, :createdBy, :expiresAt, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("accountId") long accountId, @Bind("environment") String environment,
            @Bind("tokenHash") String tokenHash, @Bind("createdBy") Long createdBy,
            @Bind("expiresAt") Instant expiresAt, @Bind("now") Instant now);

    @SqlQuery("SELECT id, account_id, environment, created_by, expires_at, used_at, created_at"
            + " FROM gateway_registration_tokens WHERE token_hash = :tokenHash")
    Optional<RegistrationToken> findByHash(@Bind("tokenHash") String tokenHash);

    /**
     * Spends the token if it is still unused and unexpired at {@code now}: 1 when this call spent it,
     * 0 otherwise. One statement, so two registrations racing for one token cannot both win.
     */
    @SqlUpdate("UPDATE gateway_registration_tokens SET used_at = :now"
            + " WHERE id = :id AND used_at IS NULL AND expires_at > :now")
    int spend(@Bind("id") long id, @Bind("now") Instant now);
}
