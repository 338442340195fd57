package io.tollgate.store;

import io.tollgate.model.AccessToken;
import io.tollgate.model.TokenPermission;
import io.tollgate.model.TokenScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Access tokens, looked up by the SHA-256 digest of their value. */
@RegisterRowMapper(AccessTokenDao.Mapper.class)
public interface AccessTokenDao {

    @SqlUpdate("""
            INSERT INTO access_tokens (user_id, account_id, name, scopes, permission, value_hash, expires_at,
                                       created_at, updated_at)
            VALUES (:userId, :accountId, :name, :scopes, :permission, :valueHash, :expiresAt, :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("userId") long userId, @Bind("accountId") long accountId, @Bind("name") String name,
            @Bind("scopes") String scopes, @Bind("permission") String permission,
            @Bind("valueHash") String valueHash, @Bind("expiresAt") Instant expiresAt, @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM access_tokens WHERE value_hash = :hash")
    Optional<AccessToken> findByValueHash(@Bind("hash") String hash);

    @SqlQuery("SELECT * FROM access_tokens WHERE id = :id AND user_id = :userId")
    Optional<AccessToken> findOfUser(@Bind("userId") long userId, @Bind("id") long id);

    @SqlQuery("SELECT * FROM access_tokens WHERE user_id = :userId ORDER BY id LIMIT :limit OFFSET :offset")
    List<AccessToken> listOfUser(@Bind("userId") long userId, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlUpdate("DELETE FROM access_tokens WHERE id = :id")
    int delete(@Bind("id") long id);

    /** Scopes are stored comma-separated in their wire spelling. */
    static String scopesColumn(List<TokenScope> scopes) {
        return String.join(",", scopes.stream().map(TokenScope::wire).toList());
    }

    final class Mapper implements RowMapper<AccessToken> {
        @Override
        public AccessToken map(ResultSet rs, StatementContext ctx) throws SQLException {
            List<TokenScope> scopes = Arrays.stream(rs.getString("scopes").split(","))
                    .filter(s -> !s.isEmpty())
                    .map(s -> TokenScope.fromWire(s).orElseThrow(() -> new IllegalStateException("scope " + s)))
                    .toList();
            return new AccessToken(rs.getLong("id"), rs.getLong("user_id"), rs.getLong("account_id"),
                    rs.getString("name"), scopes,
                    TokenPermission.fromWire(rs.getString("permission")).orElseThrow(),
                    Mappers.instant(rs, "expires_at"), Mappers.instant(rs, "created_at"));
        }
    }
}
