package io.tollgate.store;

import io.tollgate.model.Feature;
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

/** Features of products. */
@RegisterRowMapper(FeatureDao.Mapper.class)
public interface FeatureDao {

    @SqlUpdate("""
            INSERT INTO features (account_id, service_id, name, system_name, description, scope, visible,
                                  created_at, updated_at)
            VALUES (:accountId, :serviceId, :name, :systemName, :description, :scope, :visible, :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("accountId") long accountId, @Bind("serviceId") long serviceId, @Bind("name") String name,
            @Bind("systemName") String systemName, @Bind("description") String description,
            @Bind("scope") String scope, @Bind("visible") boolean visible, @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM features WHERE service_id = :serviceId ORDER BY id")
    List<Feature> listByProduct(@Bind("serviceId") long serviceId);

    @SqlQuery("SELECT * FROM features WHERE service_id = :serviceId AND id = :id")
    Optional<Feature> find(@Bind("serviceId") long serviceId, @Bind("id") long id);

    @SqlQuery("SELECT * FROM features WHERE service_id = :serviceId AND system_name = :systemName")
    Optional<Feature> findBySystemName(@Bind("serviceId") long serviceId, @Bind("systemName") String systemName);

    @SqlUpdate("""
            UPDATE features SET name = :name, description = :description, scope = :scope, visible = :visible,
                   updated_at = :now
            WHERE id = :id
            """)
    int update(@Bind("id") long id, @Bind("name") String name, @Bind("description") String description,
            @Bind("scope") String scope, @Bind("visible") boolean visible, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM features WHERE id = :id")
    int delete(@Bind("id") long id);

    final class Mapper implements RowMapper<Feature> {
        @Override
        public Feature map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Feature(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("service_id"),
                    rs.getString("name"), rs.getString("system_name"), rs.getString("description"),
                    rs.getString("scope"), rs.getBoolean("visible"),
                    Mappers.instant(rs, "created_at"), Mappers.instant(rs, "updated_at"));
        }
    }
}
