package io.tollgate.store;

import io.tollgate.model.User;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Login sessions of users, found by the digest of their token. */
@RegisterRowMapper(UserDao.Mapper.class)
public interface UserSessionDao {

    @SqlUpdate("""
            INSERT INTO user_sessions (user_id, token_hash, created_at, expires_at, revoked)
            VALUES (:userId, :tokenHash, :now, :expiresAt, FALSE)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("userId") long userId, @Bind("tokenHash") String tokenHash, @Bind("now") Instant now,
            @Bind("expiresAt") Instant expiresAt);

    /** The user of a session that is neither revoked nor expired at {@code now}. */
    @SqlQuery("""
            SELECT u.* FROM user_sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = :tokenHash AND s.revoked = FALSE AND s.expires_at > :now
            """)
    Optional<User> findLiveUser(@Bind("tokenHash") String tokenHash, @Bind("now") Instant now);

    @SqlUpdate("UPDATE user_sessions SET revoked = TRUE WHERE token_hash = :tokenHash AND revoked = FALSE")
    int revoke(@Bind("tokenHash") String tokenHash);
}
