package io.tollgate.store;

import io.tollgate.model.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Users of accounts. Password hashes are written here and read only to check a password. */
@RegisterRowMapper(UserDao.Mapper.class)
public interface UserDao {

    @SqlUpdate("""
            INSERT INTO users (account_id, username, email, password_hash, role, state, created_at, updated_at)
            VALUES (:accountId, :username, :email, :passwordHash, :role, :state, :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("accountId") long accountId, @Bind("username") String username, @Bind("email") String email,
            @Bind("passwordHash") String passwordHash, @Bind("role") String role, @Bind("state") String state,
            @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM users WHERE id = :id")
    Optional<User> find(@Bind("id") long id);

    @SqlQuery("SELECT * FROM users WHERE account_id = :accountId ORDER BY id")
    List<User> listByAccount(@Bind("accountId") long accountId);

    @SqlQuery("SELECT * FROM users WHERE account_id = :accountId AND role = 'admin' ORDER BY id LIMIT 1")
    Optional<User> firstAdmin(@Bind("accountId") long accountId);

    @SqlQuery("SELECT * FROM users WHERE account_id = :accountId AND username = :username")
    Optional<User> findByUsername(@Bind("accountId") long accountId, @Bind("username") String username);

    @SqlQuery("SELECT password_hash FROM users WHERE id = :id")
    Optional<String> passwordHash(@Bind("id") long id);

    final class Mapper implements RowMapper<User> {
        @Override
        public User map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new User(rs.getLong("id"), rs.getLong("account_id"), rs.getString("username"),
                    rs.getString("email"), rs.getString("role"), rs.getString("state"),
                    Mappers.instant(rs, "created_at"), Mappers.instant(rs, "updated_at"));
        }
    }
}
