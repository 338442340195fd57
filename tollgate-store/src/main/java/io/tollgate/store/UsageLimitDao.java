package io.tollgate.store;

import io.tollgate.model.Owner;
import io.tollgate.model.UsageLimit;
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

/** Usage limits of application plans, read with the owner of their metric and the plan's product. */
@RegisterRowMapper(UsageLimitDao.Mapper.class)
public interface UsageLimitDao {
    String SELECT = """
            SELECT l.*, p.service_id AS plan_service_id, m.service_id AS metric_service_id,
                   m.backend_api_id AS metric_backend_api_id
            FROM usage_limits l
            JOIN application_plans p ON p.id = l.plan_id
            JOIN metrics m ON m.id = l.metric_id
            """;

    @SqlUpdate("""
            INSERT INTO usage_limits (account_id, plan_id, metric_id, limit_period, max_value, created_at, updated_at)
            VALUES (:accountId, :planId, :metricId, :period, :value, :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("accountId") long accountId, @Bind("planId") long planId, @Bind("metricId") long metricId,
            @Bind("period") String period, @Bind("value") long value, @Bind("now") Instant now);

    @SqlQuery(SELECT + " WHERE l.plan_id = :planId ORDER BY l.id LIMIT :limit OFFSET :offset")
    List<UsageLimit> listByPlan(@Bind("planId") long planId, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery(SELECT + " WHERE l.plan_id = :planId AND l.metric_id = :metricId ORDER BY l.id")
    List<UsageLimit> listByMetric(@Bind("planId") long planId, @Bind("metricId") long metricId);

    @SqlQuery(SELECT + " WHERE l.plan_id = :planId AND l.metric_id = :metricId AND l.id = :id")
    Optional<UsageLimit> find(@Bind("planId") long planId, @Bind("metricId") long metricId, @Bind("id") long id);

    @SqlQuery(SELECT + " WHERE l.plan_id = :planId AND l.metric_id = :metricId AND l.limit_period = :period")
    Optional<UsageLimit> findByPeriod(@Bind("planId") long planId, @Bind("metricId") long metricId,
            @Bind("period") String period);

    @SqlUpdate("UPDATE usage_limits SET limit_period = :period, max_value = :value, updated_at = :now WHERE id = :id")
    int update(@Bind("id") long id, @Bind("period") String period, @Bind("value") long value,
            @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM usage_limits WHERE id = :id")
    int delete(@Bind("id") long id);

    final class Mapper implements RowMapper<UsageLimit> {
        @Override
        public UsageLimit map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new UsageLimit(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("plan_id"),
                    rs.getLong("plan_service_id"), rs.getLong("metric_id"),
                    Owner.of(Mappers.nullableLong(rs, "metric_service_id"),
                            Mappers.nullableLong(rs, "metric_backend_api_id")),
                    rs.getString("limit_period"), rs.getLong("max_value"),
                    Mappers.instant(rs, "created_at"), Mappers.instant(rs, "updated_at"));
        }
    }
}
