package io.tollgate.store;

import io.tollgate.model.BackendApi;
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

/** Backends (the {@code backend_apis} table), scoped by tenant. */
@RegisterRowMapper(BackendApiDao.Mapper.class)
public interface BackendApiDao {

    @SqlUpdate("""
            INSERT INTO backend_apis (account_id, name, system_name, description, private_endpoint, annotations,
                                      created_at, updated_at)
            VALUES (:accountId, :name, :systemName, :description, :privateEndpoint, :annotations, :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("accountId") long accountId, @Bind("name") String name, @Bind("systemName") String systemName,
            @Bind("description") String description, @Bind("privateEndpoint") String privateEndpoint,
            @Bind("annotations") String annotations, @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM backend_apis WHERE account_id = :accountId AND id = :id")
    Optional<BackendApi> find(@Bind("accountId") long accountId, @Bind("id") long id);

    @SqlQuery("SELECT * FROM backend_apis WHERE account_id = :accountId AND system_name = :systemName")
    Optional<BackendApi> findBySystemName(@Bind("accountId") long accountId, @Bind("systemName") String systemName);

    @SqlQuery("SELECT * FROM backend_apis WHERE account_id = :accountId ORDER BY id LIMIT :limit OFFSET :offset")
    List<BackendApi> list(@Bind("accountId") long accountId, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlUpdate("""
            UPDATE backend_apis SET name = :name, description = :description, private_endpoint = :privateEndpoint,
                   annotations = :annotations, updated_at = :now
            WHERE account_id = :accountId AND id = :id
            """)
    int update(@Bind("accountId") long accountId, @Bind("id") long id, @Bind("name") String name,
            @Bind("description") String description, @Bind("privateEndpoint") String privateEndpoint,
            @Bind("annotations") String annotations, @Bind("now") Instant now);

    /**
     * Locks the backend's row until the transaction ends, so that a usage cannot be added while
     * the backend is being deleted (the delete checks for usages first).
     */
    @SqlQuery("SELECT id FROM backend_apis WHERE account_id = :accountId AND id = :id FOR UPDATE")
    Optional<Long> lock(@Bind("accountId") long accountId, @Bind("id") long id);

    @SqlUpdate("DELETE FROM backend_apis WHERE account_id = :accountId AND id = :id")
    int delete(@Bind("accountId") long accountId, @Bind("id") long id);

    final class Mapper implements RowMapper<BackendApi> {
        @Override
        public BackendApi map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new BackendApi(rs.getLong("id"), rs.getLong("account_id"), rs.getString("name"),
                    rs.getString("system_name"), rs.getString("description"), rs.getString("private_endpoint"),
                    Mappers.annotations(rs, "annotations"),
                    Mappers.instant(rs, "created_at"), Mappers.instant(rs, "updated_at"));
        }
    }
}
