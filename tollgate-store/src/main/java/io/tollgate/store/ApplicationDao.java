package io.tollgate.store;

import io.tollgate.model.Application;
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

/**
 * Applications of developer accounts and their keys. Lookups are scoped by the tenant
 * ({@code applications.account_id}).
 */
@RegisterRowMapper(ApplicationDao.Mapper.class)
public interface ApplicationDao {

    /** What a new application is made of. */
    record NewApplication(long accountId, long buyerAccountId, long serviceId, long planId, String name,
            String description, String state, String userKey, String appId, String redirectUrl) {
    }

    @SqlUpdate("""
            INSERT INTO applications (account_id, buyer_account_id, service_id, plan_id, name, description, state,
                   user_key, app_id, redirect_url, created_at, updated_at)
            VALUES (:accountId, :buyerAccountId, :serviceId, :planId, :name, :description, :state, :userKey,
                   :appId, :redirectUrl, :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@BindMethods NewApplication application, @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM applications WHERE account_id = :accountId AND id = :id")
    Optional<Application> find(@Bind("accountId") long accountId, @Bind("id") long id);

    @SqlQuery("""
            SELECT * FROM applications WHERE account_id = :accountId AND buyer_account_id = :buyerId ORDER BY id
            """)
    List<Application> listByBuyer(@Bind("accountId") long accountId, @Bind("buyerId") long buyerId);

    /** The tenant's applications, optionally only of one product and/or plan (0: any). */
    @SqlQuery("""
            SELECT * FROM applications WHERE account_id = :accountId
              AND (:serviceId = 0 OR service_id = :serviceId) AND (:planId = 0 OR plan_id = :planId)
            ORDER BY id LIMIT :limit OFFSET :offset
            """)
    List<Application> listByTenant(@Bind("accountId") long accountId, @Bind("serviceId") long serviceId,
            @Bind("planId") long planId, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT * FROM applications WHERE account_id = :accountId AND user_key = :userKey ORDER BY id")
    List<Application> findByUserKey(@Bind("accountId") long accountId, @Bind("userKey") String userKey);

    @SqlQuery("SELECT * FROM applications WHERE account_id = :accountId AND app_id = :appId")
    Optional<Application> findByAppId(@Bind("accountId") long accountId, @Bind("appId") String appId);

    @SqlQuery("SELECT COUNT(*) FROM applications WHERE service_id = :serviceId AND user_key = :userKey")
    int countUserKey(@Bind("serviceId") long serviceId, @Bind("userKey") String userKey);

    @SqlQuery("SELECT COUNT(*) FROM applications WHERE plan_id = :planId")
    int countByPlan(@Bind("planId") long planId);

    @SqlUpdate("""
            UPDATE applications SET name = :name, description = :description, redirect_url = :redirectUrl,
                   updated_at = :now WHERE id = :id
            """)
    int update(@Bind("id") long id, @Bind("name") String name, @Bind("description") String description,
            @Bind("redirectUrl") String redirectUrl, @Bind("now") Instant now);

    @SqlUpdate("UPDATE applications SET state = :state, updated_at = :now WHERE id = :id")
    int setState(@Bind("id") long id, @Bind("state") String state, @Bind("now") Instant now);

    @SqlUpdate("UPDATE applications SET plan_id = :planId, updated_at = :now WHERE id = :id")
    int setPlan(@Bind("id") long id, @Bind("planId") long planId, @Bind("now") Instant now);

    @SqlUpdate("UPDATE applications SET updated_at = :now WHERE id = :id")
    int touch(@Bind("id") long id, @Bind("now") Instant now);

    /** Locks the application's row until the transaction ends, serialising key changes. */
    @SqlQuery("SELECT id FROM applications WHERE id = :id FOR UPDATE")
    Optional<Long> lock(@Bind("id") long id);

    @SqlUpdate("DELETE FROM applications WHERE id = :id")
    int delete(@Bind("id") long id);

    @SqlQuery("SELECT key_value FROM application_keys WHERE application_id = :id ORDER BY id")
    List<String> keys(@Bind("id") long applicationId);

    @SqlUpdate("""
            INSERT INTO application_keys (application_id, key_value, created_at) VALUES (:id, :keyValue, :now)
            """)
    int addKey(@Bind("id") long applicationId, @Bind("keyValue") String keyValue, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM application_keys WHERE application_id = :id AND key_value = :keyValue")
    int deleteKey(@Bind("id") long applicationId, @Bind("keyValue") String keyValue);

    /** Maps an {@code applications} row. */
    final class Mapper implements RowMapper<Application> {
        @Override
        public Application map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Application(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("buyer_account_id"),
                    rs.getLong("service_id"), rs.getLong("plan_id"), rs.getString("name"),
                    rs.getString("description"), rs.getString("state"), rs.getString("user_key"),
                    rs.getString("app_id"), rs.getString("redirect_url"), Mappers.instant(rs, "created_at"),
                    Mappers.instant(rs, "updated_at"));
        }
    }
}
