package io.tollgate.store;

import io.tollgate.model.BackendUsage;
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

/** Which backends a product uses, and at which path. */
@RegisterRowMapper(BackendUsageDao.Mapper.class)
public interface BackendUsageDao {

    @SqlUpdate("""
            INSERT INTO backend_usages (account_id, service_id, backend_api_id, path, created_at, updated_at)
            VALUES (:accountId, :serviceId, :backendApiId, :path, :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("accountId") long accountId, @Bind("serviceId") long serviceId,
            @Bind("backendApiId") long backendApiId, @Bind("path") String path, @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM backend_usages WHERE service_id = :serviceId ORDER BY id")
    List<BackendUsage> listByProduct(@Bind("serviceId") long serviceId);

    @SqlQuery("SELECT * FROM backend_usages WHERE backend_api_id = :backendApiId ORDER BY id")
    List<BackendUsage> listByBackend(@Bind("backendApiId") long backendApiId);

    @SqlQuery("SELECT * FROM backend_usages WHERE service_id = :serviceId AND id = :id")
    Optional<BackendUsage> find(@Bind("serviceId") long serviceId, @Bind("id") long id);

    @SqlUpdate("UPDATE backend_usages SET path = :path, updated_at = :now WHERE id = :id")
    int updatePath(@Bind("id") long id, @Bind("path") String path, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM backend_usages WHERE id = :id")
    int delete(@Bind("id") long id);

    final class Mapper implements RowMapper<BackendUsage> {
        @Override
        public BackendUsage map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new BackendUsage(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("service_id"),
                    rs.getLong("backend_api_id"), rs.getString("path"),
                    Mappers.instant(rs, "created_at"), Mappers.instant(rs, "updated_at"));
        }
    }
}
