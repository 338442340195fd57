package io.tollgate.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Referrer filters of applications. Callers check that the application belongs to the tenant;
 * here an application is just its id.
 */
@RegisterConstructorMapper(ReferrerFilterDao.ReferrerFilter.class)
public interface ReferrerFilterDao {

    /**
     * One referrer filter.
     *
     * @param value a host name, possibly with {@code *} wildcards and a port
     */
    record ReferrerFilter(long id, long applicationId, @ColumnName("filter_value") String value, Instant createdAt) {
    }

    String SELECT = "SELECT * FROM referrer_filters";

    @SqlUpdate("""
            INSERT INTO referrer_filters (application_id, filter_value, created_at)
            VALUES (:applicationId, :value, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("applicationId") long applicationId, @Bind("value") String value, @Bind("now") Instant now);

    /** The application's filters, in the order they were added. */
    @SqlQuery(SELECT + " WHERE application_id = :applicationId ORDER BY id")
    List<ReferrerFilter> list(@Bind("applicationId") long applicationId);

    @SqlQuery(SELECT + " WHERE application_id = :applicationId AND id = :id")
    Optional<ReferrerFilter> find(@Bind("applicationId") long applicationId, @Bind("id") long id);

    @SqlUpdate("DELETE FROM referrer_filters WHERE id = :id")
    int delete(@Bind("id") long id);
}
