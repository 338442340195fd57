package io.tollgate.store;

import io.tollgate.model.Owner;
import io.tollgate.model.PricingRule;
import java.math.BigDecimal;
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

/** Pricing rules of application plans, read with the owner of their metric and the plan's product. */
@RegisterRowMapper(PricingRuleDao.Mapper.class)
public interface PricingRuleDao {
    String SELECT = """
            SELECT r.*, p.service_id AS plan_service_id, m.service_id AS metric_service_id,
                   m.backend_api_id AS metric_backend_api_id
            FROM pricing_rules r
            JOIN application_plans p ON p.id = r.plan_id
            JOIN metrics m ON m.id = r.metric_id
            """;

    @SqlUpdate("""
            INSERT INTO pricing_rules (account_id, plan_id, metric_id, cost_per_unit, min_units, max_units,
                   created_at, updated_at)
            VALUES (:accountId, :planId, :metricId, :costPerUnit, :min, :max, :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("accountId") long accountId, @Bind("planId") long planId, @Bind("metricId") long metricId,
            @Bind("costPerUnit") BigDecimal costPerUnit, @Bind("min") long min, @Bind("max") Long max,
            @Bind("now") Instant now);

    @SqlQuery(SELECT + " WHERE r.plan_id = :planId ORDER BY r.id")
    List<PricingRule> listByPlan(@Bind("planId") long planId);

    @SqlQuery(SELECT + " WHERE r.plan_id = :planId AND r.metric_id = :metricId ORDER BY r.min_units, r.id")
    List<PricingRule> listByMetric(@Bind("planId") long planId, @Bind("metricId") long metricId);

    @SqlQuery(SELECT + " WHERE r.plan_id = :planId AND r.metric_id = :metricId AND r.id = :id")
    Optional<PricingRule> find(@Bind("planId") long planId, @Bind("metricId") long metricId, @Bind("id") long id);

    @SqlUpdate("DELETE FROM pricing_rules WHERE id = :id")
    int delete(@Bind("id") long id);

    final class Mapper implements RowMapper<PricingRule> {
        @Override
        public PricingRule map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new PricingRule(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("plan_id"),
                    rs.getLong("plan_service_id"), rs.getLong("metric_id"),
                    Owner.of(Mappers.nullableLong(rs, "metric_service_id"),
                            Mappers.nullableLong(rs, "metric_backend_api_id")),
                    rs.getBigDecimal("cost_per_unit"), rs.getLong("min_units"), Mappers.nullableLong(rs, "max_units"),
                    Mappers.instant(rs, "created_at"), Mappers.instant(rs, "updated_at"));
        }
    }
}
