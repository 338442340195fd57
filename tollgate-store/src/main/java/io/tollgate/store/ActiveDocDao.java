package io.tollgate.store;

import io.tollgate.model.ActiveDoc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** OpenAPI documents (the {@code active_docs} table), scoped by tenant. */
@RegisterRowMapper(ActiveDocDao.Mapper.class)
public interface ActiveDocDao {

    /** The writable columns of a document. */
    record Row(Long serviceId, String name, String systemName, String description, boolean published,
            boolean skipSwaggerValidations, String body) {
    }

    @SqlUpdate("""
            INSERT INTO active_docs (account_id, service_id, name, system_name, description, published,
                                     skip_swagger_validations, body, created_at, updated_at)
            VALUES (:accountId, :r.serviceId, :r.name, :r.systemName, :r.description, :r.published,
                    :r.skipSwaggerValidations, :r.body, :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("accountId") long accountId, @BindMethods("r") Row row, @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM active_docs WHERE account_id = :accountId AND id = :id")
    Optional<ActiveDoc> find(@Bind("accountId") long accountId, @Bind("id") long id);

    @SqlQuery("SELECT * FROM active_docs WHERE account_id = :accountId AND system_name = :systemName")
    Optional<ActiveDoc> findBySystemName(@Bind("accountId") long accountId, @Bind("systemName") String systemName);

    @SqlQuery("SELECT * FROM active_docs WHERE account_id = :accountId ORDER BY id")
    List<ActiveDoc> list(@Bind("accountId") long accountId);

    @SqlUpdate("""
            UPDATE active_docs SET service_id = :r.serviceId, name = :r.name, description = :r.description,
                   published = :r.published, skip_swagger_validations = :r.skipSwaggerValidations, body = :r.body,
                   updated_at = :now
            WHERE account_id = :accountId AND id = :id
            """)
    int update(@Bind("accountId") long accountId, @Bind("id") long id, @BindMethods("r") Row row,
            @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM active_docs WHERE account_id = :accountId AND id = :id")
    int delete(@Bind("accountId") long accountId, @Bind("id") long id);

    final class Mapper implements RowMapper<ActiveDoc> {
        @Override
        public ActiveDoc map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new ActiveDoc(rs.getLong("id"), rs.getLong("account_id"), Mappers.nullableLong(rs, "service_id"),
                    rs.getString("name"), rs.getString("system_name"), rs.getString("description"),
                    rs.getBoolean("published"), rs.getBoolean("skip_swagger_validations"), rs.getString("body"),
                    Mappers.instant(rs, "created_at"), Mappers.instant(rs, "updated_at"));
        }
    }
}
