package io.tollgate.store;

import io.tollgate.model.ApplicationPlan;
import io.tollgate.model.Metric;
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
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Application plans of products. */
@RegisterRowMapper(ApplicationPlanDao.Mapper.class)
@RegisterRowMapper(MetricDao.Mapper.class)
public interface ApplicationPlanDao {

    @SqlUpdate("""
            INSERT INTO application_plans (account_id, service_id, name, system_name, state, approval_required,
                   setup_fee, cost_per_month, trial_period_days, cancellation_period, is_default,
                   created_at, updated_at)
            VALUES (:accountId, :serviceId, :name, :systemName, :state, :approvalRequired, :setupFee,
                   :costPerMonth, :trialPeriodDays, :cancellationPeriod, FALSE, :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("accountId") long accountId, @Bind("serviceId") long serviceId,
            @Bind("systemName") String systemName, @BindMethods Values values, @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM application_plans WHERE service_id = :serviceId ORDER BY id")
    List<ApplicationPlan> listByProduct(@Bind("serviceId") long serviceId);

    @SqlQuery("SELECT * FROM application_plans WHERE account_id = :accountId ORDER BY id LIMIT :limit OFFSET :offset")
    List<ApplicationPlan> listByAccount(@Bind("accountId") long accountId, @Bind("limit") int limit,
            @Bind("offset") long offset);

    @SqlQuery("SELECT * FROM application_plans WHERE account_id = :accountId AND id = :id")
    Optional<ApplicationPlan> find(@Bind("accountId") long accountId, @Bind("id") long id);

    @SqlQuery("SELECT * FROM application_plans WHERE service_id = :serviceId AND system_name = :systemName")
    Optional<ApplicationPlan> findBySystemName(@Bind("serviceId") long serviceId,
            @Bind("systemName") String systemName);

    /** Locks the plan's row until the transaction ends, serialising writes that check its children. */
    @SqlQuery("SELECT id FROM application_plans WHERE id = :id FOR UPDATE")
    Optional<Long> lock(@Bind("id") long id);

    /** Locks the product's plan rows, serialising default-plan switches. */
    @SqlQuery("SELECT id FROM application_plans WHERE service_id = :serviceId FOR UPDATE")
    List<Long> lockProduct(@Bind("serviceId") long serviceId);

    @SqlUpdate("""
            UPDATE application_plans SET name = :name, state = :state, approval_required = :approvalRequired,
                   setup_fee = :setupFee, cost_per_month = :costPerMonth, trial_period_days = :trialPeriodDays,
                   cancellation_period = :cancellationPeriod, updated_at = :now
            WHERE id = :id
            """)
    int update(@Bind("id") long id, @BindMethods Values values, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE application_plans SET is_default = (id = :id), updated_at = :now
            WHERE service_id = :serviceId AND (is_default = TRUE OR id = :id)
            """)
    int makeDefault(@Bind("serviceId") long serviceId, @Bind("id") long id, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM application_plans WHERE id = :id")
    int delete(@Bind("id") long id);

    /**
     * A metric or method the product's plans can limit and price: one of the product's own or of a
     * backend the product uses.
     */
    @SqlQuery("""
            SELECT * FROM metrics
            WHERE id = :metricId AND (service_id = :serviceId
               OR backend_api_id IN (SELECT backend_api_id FROM backend_usages WHERE service_id = :serviceId))
            """)
    Optional<Metric> planMetric(@Bind("serviceId") long serviceId, @Bind("metricId") long metricId);

    /** The editable fields of a plan. */
    record Values(String name, String state, boolean approvalRequired, BigDecimal setupFee,
            BigDecimal costPerMonth, Integer trialPeriodDays, int cancellationPeriod) {
    }

    final class Mapper implements RowMapper<ApplicationPlan> {
        @Override
        public ApplicationPlan map(ResultSet rs, StatementContext ctx) throws SQLException {
            int trial = rs.getInt("trial_period_days");
            Integer trialPeriodDays = rs.wasNull() ? null : trial;
            return new ApplicationPlan(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("service_id"),
                    rs.getString("name"), rs.getString("system_name"), rs.getString("state"),
                    rs.getBoolean("approval_required"), rs.getBigDecimal("setup_fee"),
                    rs.getBigDecimal("cost_per_month"), trialPeriodDays, rs.getInt("cancellation_period"),
                    rs.getBoolean("is_default"), Mappers.instant(rs, "created_at"),
                    Mappers.instant(rs, "updated_at"));
        }
    }
}
