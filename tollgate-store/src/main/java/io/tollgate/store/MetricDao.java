package io.tollgate.store;

import io.tollgate.model.Metric;
import io.tollgate.model.Owner;
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

/**
 * Metrics and methods of products and backends. The owner is one of two nullable columns;
 * {@code (service_id = :s OR backend_api_id = :b)} with the other bound to NULL selects one owner.
 */
@RegisterRowMapper(MetricDao.Mapper.class)
public interface MetricDao {
    String OWNER = "(service_id = :serviceId OR backend_api_id = :backendApiId)";

    @SqlUpdate("""
            INSERT INTO metrics (account_id, service_id, backend_api_id, parent_id, system_name, friendly_name,
                                 unit, description, created_at, updated_at)
            VALUES (:accountId, :serviceId, :backendApiId, :parentId, :systemName, :friendlyName,
                    :unit, :description, :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("accountId") long accountId, @Bind("serviceId") Long serviceId,
            @Bind("backendApiId") Long backendApiId, @Bind("parentId") Long parentId,
            @Bind("systemName") String systemName, @Bind("friendlyName") String friendlyName,
            @Bind("unit") String unit, @Bind("description") String description, @Bind("now") Instant now);

    default long insert(long accountId, Owner owner, Long parentId, String systemName, String friendlyName,
            String unit, String description, Instant now) {
        return insert(accountId, owner.serviceId(), owner.backendApiId(), parentId, systemName, friendlyName,
                unit, description, now);
    }

    @SqlQuery("SELECT * FROM metrics WHERE " + OWNER + " ORDER BY id LIMIT :limit OFFSET :offset")
    List<Metric> list(@Bind("serviceId") Long serviceId, @Bind("backendApiId") Long backendApiId,
            @Bind("limit") int limit, @Bind("offset") long offset);

    default List<Metric> list(Owner owner, Page page) {
        return list(owner.serviceId(), owner.backendApiId(), page.limit(), page.offset());
    }

    @SqlQuery("SELECT * FROM metrics WHERE " + OWNER + " AND id = :id")
    Optional<Metric> find(@Bind("serviceId") Long serviceId, @Bind("backendApiId") Long backendApiId,
            @Bind("id") long id);

    default Optional<Metric> find(Owner owner, long id) {
        return find(owner.serviceId(), owner.backendApiId(), id);
    }

    @SqlQuery("SELECT * FROM metrics WHERE " + OWNER + " AND system_name = :systemName")
    Optional<Metric> findBySystemName(@Bind("serviceId") Long serviceId, @Bind("backendApiId") Long backendApiId,
            @Bind("systemName") String systemName);

    default Optional<Metric> findBySystemName(Owner owner, String systemName) {
        return findBySystemName(owner.serviceId(), owner.backendApiId(), systemName);
    }

    @SqlQuery("SELECT * FROM metrics WHERE parent_id = :parentId ORDER BY id LIMIT :limit OFFSET :offset")
    List<Metric> children(@Bind("parentId") long parentId, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlUpdate("""
            UPDATE metrics SET friendly_name = :friendlyName, unit = :unit, description = :description,
                   updated_at = :now
            WHERE id = :id
            """)
    int update(@Bind("id") long id, @Bind("friendlyName") String friendlyName, @Bind("unit") String unit,
            @Bind("description") String description, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM metrics WHERE id = :id")
    int delete(@Bind("id") long id);

    final class Mapper implements RowMapper<Metric> {
        @Override
        public Metric map(ResultSet rs, StatementContext ctx) throws SQLException {
            Owner owner = Owner.of(Mappers.nullableLong(rs, "service_id"), Mappers.nullableLong(rs, "backend_api_id"));
            return new Metric(rs.getLong("id"), rs.getLong("account_id"), owner,
                    Mappers.nullableLong(rs, "parent_id"), rs.getString("system_name"),
                    rs.getString("friendly_name"), rs.getString("unit"), rs.getString("description"),
                    Mappers.instant(rs, "created_at"), Mappers.instant(rs, "updated_at"));
        }
    }
}
