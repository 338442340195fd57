package io.tollgate.store;

import java.util.List;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The rows the meter's configuration is built from, for every tenant at once: one set-based query
 * per table (no query per row), so a platform with 100,000 applications is read in a handful of
 * statements. Run them in one {@link Database#readSnapshot} transaction to get a consistent view.
 */
@RegisterConstructorMapper(MeterConfigDao.TenantRow.class)
@RegisterConstructorMapper(MeterConfigDao.ServiceRow.class)
@RegisterConstructorMapper(MeterConfigDao.ServiceTokenRow.class)
@RegisterConstructorMapper(MeterConfigDao.MetricRow.class)
@RegisterConstructorMapper(MeterConfigDao.BackendUsageRow.class)
@RegisterConstructorMapper(MeterConfigDao.PlanRow.class)
@RegisterConstructorMapper(MeterConfigDao.LimitRow.class)
@RegisterConstructorMapper(MeterConfigDao.ApplicationRow.class)
@RegisterConstructorMapper(MeterConfigDao.ValueRow.class)
public interface MeterConfigDao {

    /** A tenant (provider account) with a provider key. */
    record TenantRow(long id, String providerKeyHash, String state) {
    }

    /** A product. */
    record ServiceRow(long id, long accountId, String backendVersion, String state,
            boolean referrerFiltersRequired) {
    }

    /** A service token of a product. */
    record ServiceTokenRow(long serviceId, String tokenValue) {
    }

    /** A metric or method of a product ({@code serviceId}) or of a backend ({@code backendApiId}). */
    record MetricRow(long id, Long serviceId, Long backendApiId, Long parentId, String systemName) {
    }

    /** A backend a product uses. */
    record BackendUsageRow(long serviceId, long backendApiId) {
    }

    /** An application plan. */
    record PlanRow(long id, long serviceId, String name) {
    }

    /** A usage limit of a plan. */
    record LimitRow(long planId, long metricId, String limitPeriod, long maxValue) {
    }

    /** An application with its single-valued credentials. */
    record ApplicationRow(long id, long serviceId, long planId, String state, String userKey, String appId,
            String redirectUrl) {
    }

    /** One value belonging to an owner row: an application key or a referrer filter. */
    record ValueRow(long ownerId, @ColumnName("owned_value") String value) {
    }

    @SqlQuery("""
            SELECT id, provider_key_hash, state FROM accounts
            WHERE kind = 'provider' AND provider_key_hash IS NOT NULL ORDER BY id
            """)
    List<TenantRow> tenants();

    @SqlQuery("""
            SELECT id, account_id, backend_version, state, referrer_filters_required FROM services ORDER BY id
            """)
    List<ServiceRow> services();

    @SqlQuery("SELECT service_id, token_value FROM service_tokens ORDER BY service_id, id")
    List<ServiceTokenRow> serviceTokens();

    @SqlQuery("SELECT id, service_id, backend_api_id, parent_id, system_name FROM metrics ORDER BY id")
    List<MetricRow> metrics();

    @SqlQuery("SELECT service_id, backend_api_id FROM backend_usages ORDER BY service_id, id")
    List<BackendUsageRow> backendUsages();

    @SqlQuery("SELECT id, service_id, name FROM application_plans ORDER BY id")
    List<PlanRow> plans();

    @SqlQuery("SELECT plan_id, metric_id, limit_period, max_value FROM usage_limits ORDER BY plan_id, id")
    List<LimitRow> limits();

    @SqlQuery("""
            SELECT id, service_id, plan_id, state, user_key, app_id, redirect_url FROM applications ORDER BY id
            """)
    List<ApplicationRow> applications();

    @SqlQuery("""
            SELECT application_id AS owner_id, key_value AS owned_value FROM application_keys
            ORDER BY application_id, id
            """)
    List<ValueRow> applicationKeys();

    @SqlQuery("""
            SELECT application_id AS owner_id, filter_value AS owned_value FROM referrer_filters
            ORDER BY application_id, id
            """)
    List<ValueRow> referrerFilters();
}
