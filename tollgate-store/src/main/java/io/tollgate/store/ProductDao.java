package io.tollgate.store;

import io.tollgate.model.Product;
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

/** Products (the {@code services} table). Every query is scoped by the owning tenant. */
@RegisterRowMapper(ProductDao.Mapper.class)
public interface ProductDao {

    @SqlUpdate("""
            INSERT INTO services (account_id, name, system_name, description, state, backend_version,
                                  deployment_option, support_email, annotations, created_at, updated_at)
            VALUES (:accountId, :name, :systemName, :description, :state, :backendVersion,
                    :deploymentOption, :supportEmail, :annotations, :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("accountId") long accountId, @Bind("name") String name, @Bind("systemName") String systemName,
            @Bind("description") String description, @Bind("state") String state,
            @Bind("backendVersion") String backendVersion, @Bind("deploymentOption") String deploymentOption,
            @Bind("supportEmail") String supportEmail, @Bind("annotations") String annotations,
            @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM services WHERE account_id = :accountId AND id = :id")
    Optional<Product> find(@Bind("accountId") long accountId, @Bind("id") long id);

    @SqlQuery("SELECT * FROM services WHERE account_id = :accountId AND system_name = :systemName")
    Optional<Product> findBySystemName(@Bind("accountId") long accountId, @Bind("systemName") String systemName);

    @SqlQuery("SELECT * FROM services WHERE account_id = :accountId ORDER BY id LIMIT :limit OFFSET :offset")
    List<Product> list(@Bind("accountId") long accountId, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlUpdate("""
            UPDATE services SET name = :name, description = :description, state = :state,
                   backend_version = :backendVersion, deployment_option = :deploymentOption,
                   support_email = :supportEmail, annotations = :annotations, updated_at = :now
            WHERE account_id = :accountId AND id = :id
            """)
    int update(@Bind("accountId") long accountId, @Bind("id") long id, @Bind("name") String name,
            @Bind("description") String description, @Bind("state") String state,
            @Bind("backendVersion") String backendVersion, @Bind("deploymentOption") String deploymentOption,
            @Bind("supportEmail") String supportEmail, @Bind("annotations") String annotations,
            @Bind("now") Instant now);

    /** Sets whether the product's applications must pass a referrer matching their filters. */
    @SqlUpdate("""
            UPDATE services SET referrer_filters_required = :required, updated_at = :now
            WHERE account_id = :accountId AND id = :id
            """)
    int setReferrerFiltersRequired(@Bind("accountId") long accountId, @Bind("id") long id,
            @Bind("required") boolean required, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM services WHERE account_id = :accountId AND id = :id")
    int delete(@Bind("accountId") long accountId, @Bind("id") long id);

    final class Mapper implements RowMapper<Product> {
        @Override
        public Product map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Product(rs.getLong("id"), rs.getLong("account_id"), rs.getString("name"),
                    rs.getString("system_name"), rs.getString("description"), rs.getString("state"),
                    rs.getString("backend_version"), rs.getString("deployment_option"),
                    rs.getString("support_email"), Mappers.annotations(rs, "annotations"),
                    Mappers.instant(rs, "created_at"), Mappers.instant(rs, "updated_at"),
                    rs.getBoolean("referrer_filters_required"));
        }
    }
}
