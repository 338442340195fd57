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
 * Service tokens of products: what a gateway authenticates to the meter with. Callers check that
 * the product belongs to the tenant; here a product is just its id.
 */
@RegisterConstructorMapper(ServiceTokenDao.ServiceToken.class)
public interface ServiceTokenDao {

    /**
     * One service token.
     *
     * @param value the token itself (shown by the admin API, sent by gateways)
     */
    record ServiceToken(long id, long serviceId, @ColumnName("token_value") String value, Instant createdAt) {
    }

    String SELECT = "SELECT * FROM service_tokens";

    @SqlUpdate("INSERT INTO service_tokens (service_id, token_value, created_at) VALUES (:serviceId, :value, :now)")
    @GetGeneratedKeys("id")
    long insert(@Bind("serviceId") long serviceId, @Bind("value") String value, @Bind("now") Instant now);

    /** The product's tokens, oldest first. */
    @SqlQuery(SELECT + " WHERE service_id = :serviceId ORDER BY created_at, id")
    List<ServiceToken> listByProduct(@Bind("serviceId") long serviceId);

    @SqlQuery(SELECT + " WHERE service_id = :serviceId AND id = :id")
    Optional<ServiceToken> find(@Bind("serviceId") long serviceId, @Bind("id") long id);

    /** The product's oldest token: the one its gateway configuration carries. */
    default Optional<String> oldest(long serviceId) {
        return listByProduct(serviceId).stream().findFirst().map(ServiceToken::value);
    }

    @SqlQuery("SELECT COUNT(*) FROM service_tokens WHERE service_id = :serviceId")
    int count(@Bind("serviceId") long serviceId);

    /** Products (of every tenant) that have no service token, in id order. */
    @SqlQuery("""
            SELECT s.id FROM services s
            WHERE NOT EXISTS (SELECT 1 FROM service_tokens t WHERE t.service_id = s.id)
            ORDER BY s.id
            """)
    List<Long> productsWithoutToken();

    /** Locks the product's row until the transaction ends, serialising token deletions. */
    @SqlQuery("SELECT id FROM services WHERE id = :serviceId FOR UPDATE")
    Optional<Long> lockProduct(@Bind("serviceId") long serviceId);

    @SqlUpdate("DELETE FROM service_tokens WHERE id = :id")
    int delete(@Bind("id") long id);
}
