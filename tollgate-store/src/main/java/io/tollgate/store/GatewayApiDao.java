package io.tollgate.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Placements of products on registered gateways ({@code gateway_apis}): which gateway serves a
 * product, on which listener port and scheme. Every query names the tenant except
 * {@link #findByProduct}, which the proxy configuration builder calls with a product it already
 * loaded for its tenant. Deleting the product deletes its placement (the schema cascades).
 */
@RegisterConstructorMapper(GatewayApiDao.GatewayApi.class)
public interface GatewayApiDao {

    /**
     * One placement.
     *
     * @param certificatePem the listener's certificate chain (PEM) for scheme https, else null
     * @param privateKey the listener's private key (PEM) for scheme https, else null
     */
    record GatewayApi(long id, long accountId, long serviceId, long gatewayId, int port, String scheme,
            String certificatePem, String privateKey, Instant createdAt, Instant updatedAt) {
        @Override
        public String toString() {
            return "GatewayApi[id=" + id + ", serviceId=" + serviceId + ", gatewayId=" + gatewayId + ", port=" + port
                    + ", scheme=" + scheme + "]";
        }
    }

    String SELECT = "SELECT * FROM gateway_apis";

    @SqlUpdate("""
            INSERT INTO gateway_apis (account_id, service_id, gateway_id, port, scheme, certificate_pem, private_key,
                created_at, updated_at)
            VALUES (:accountId, :serviceId, :gatewayId, :port, :scheme, :certificatePem, :privateKey, :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("accountId") long accountId, @Bind("serviceId") long serviceId,
            @Bind("gatewayId") long gatewayId, @Bind("port") int port, @Bind("scheme") String scheme,
            @Bind("certificatePem") String certificatePem, @Bind("privateKey") String privateKey,
            @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE gateway_apis SET port = :port, scheme = :scheme, certificate_pem = :certificatePem,
                private_key = :privateKey, updated_at = :now
            WHERE account_id = :accountId AND id = :id
            """)
    int update(@Bind("accountId") long accountId, @Bind("id") long id, @Bind("port") int port,
            @Bind("scheme") String scheme, @Bind("certificatePem") String certificatePem,
            @Bind("privateKey") String privateKey, @Bind("now") Instant now);

    @SqlQuery(SELECT + " WHERE account_id = :accountId AND id = :id")
    Optional<GatewayApi> find(@Bind("accountId") long accountId, @Bind("id") long id);

    @SqlQuery(SELECT + " WHERE account_id = :accountId AND service_id = :serviceId")
    Optional<GatewayApi> findByService(@Bind("accountId") long accountId, @Bind("serviceId") long serviceId);

    /** The placement of a product already known to be the caller's tenant's, if any. */
    @SqlQuery(SELECT + " WHERE service_id = :serviceId")
    Optional<GatewayApi> findByProduct(@Bind("serviceId") long serviceId);

    /** The API on a port of a gateway, if any. */
    @SqlQuery(SELECT + " WHERE gateway_id = :gatewayId AND port = :port")
    Optional<GatewayApi> findByPort(@Bind("gatewayId") long gatewayId, @Bind("port") int port);

    @SqlQuery(SELECT + " WHERE account_id = :accountId ORDER BY id")
    List<GatewayApi> list(@Bind("accountId") long accountId);

    @SqlQuery(SELECT + " WHERE account_id = :accountId AND gateway_id = :gatewayId ORDER BY id")
    List<GatewayApi> listByGateway(@Bind("accountId") long accountId, @Bind("gatewayId") long gatewayId);
}
