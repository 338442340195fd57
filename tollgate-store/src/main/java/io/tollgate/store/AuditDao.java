package io.tollgate.store;

import io.tollgate.model.Audit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The audit trail: appended to, read newest first. */
@RegisterRowMapper(AuditDao.Mapper.class)
public interface AuditDao {

    @SqlUpdate("""
            INSERT INTO audits (account_id, user_id, action, http_method, path, entity_type, entity_id, status,
                                changes, created_at)
            VALUES (:accountId, :userId, :action, :httpMethod, :path, :entityType, :entityId, :status,
                    :changes, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("accountId") long accountId, @Bind("userId") Long userId, @Bind("action") String action,
            @Bind("httpMethod") String httpMethod, @Bind("path") String path, @Bind("entityType") String entityType,
            @Bind("entityId") Long entityId, @Bind("status") int status, @Bind("changes") String changes,
            @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM audits WHERE account_id = :accountId ORDER BY id DESC LIMIT :limit OFFSET :offset")
    List<Audit> list(@Bind("accountId") long accountId, @Bind("limit") int limit, @Bind("offset") long offset);

    final class Mapper implements RowMapper<Audit> {
        @Override
        public Audit map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Audit(rs.getLong("id"), rs.getLong("account_id"), Mappers.nullableLong(rs, "user_id"),
                    rs.getString("action"), rs.getString("http_method"), rs.getString("path"),
                    rs.getString("entity_type"), Mappers.nullableLong(rs, "entity_id"), rs.getInt("status"),
                    rs.getString("changes"), Mappers.instant(rs, "created_at"));
        }
    }
}
