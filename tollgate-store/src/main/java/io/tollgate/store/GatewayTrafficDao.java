package io.tollgate.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * What registered gateways report of their traffic: requests per gateway, product, environment and
 * hour by status class. A report adds to its hour's row ({@link #add}, else {@link #insert}).
 */
@RegisterConstructorMapper(GatewayTrafficDao.Hour.class)
public interface GatewayTrafficDao {

    /**
     * One gateway's requests for one product in one hour (or a report's part of it).
     *
     * @param serviceId the control plane's product, or 0 for a local-mode API instance
     * @param apiName the product's system name, or the local instance's name
     */
    record Hour(long gatewayId, long serviceId, String apiName, String environment, Instant hourStart, long requests,
            long status1xx, long status2xx, long status3xx, long status4xx, long status5xx) {
    }

    @SqlUpdate("""
            UPDATE gateway_traffic SET requests = requests + :requests, status_1xx = status_1xx + :status1xx,
                status_2xx = status_2xx + :status2xx, status_3xx = status_3xx + :status3xx,
                status_4xx = status_4xx + :status4xx, status_5xx = status_5xx + :status5xx
            WHERE gateway_id = :gatewayId AND service_id = :serviceId AND api_name = :apiName
                AND environment = :environment AND hour_start = :hourStart
            """)
    int add(@BindMethods Hour hour);

    @SqlUpdate("""
            INSERT INTO gateway_traffic (account_id, gateway_id, service_id, api_name, environment, hour_start,
                requests, status_1xx, status_2xx, status_3xx, status_4xx, status_5xx)
            VALUES (:accountId, :gatewayId, :serviceId, :apiName, :environment, :hourStart, :requests, :status1xx,
                :status2xx, :status3xx, :status4xx, :status5xx)
            """)
    void insert(@Bind("accountId") long accountId, @BindMethods Hour hour);

    /** The gateway's hours from {@code since} (inclusive) to {@code until} (exclusive), oldest first. */
    @SqlQuery("""
            SELECT gateway_id, service_id, api_name, environment, hour_start, requests, status_1xx, status_2xx, status_3xx,
                status_4xx, status_5xx
            FROM gateway_traffic
            WHERE account_id = :accountId AND gateway_id = :gatewayId AND hour_start >= :since
                AND hour_start < :until
            ORDER BY hour_start, service_id, api_name, environment
            """)
    List<Hour> list(@Bind("accountId") long accountId, @Bind("gatewayId") long gatewayId,
            @Bind("since") Instant since, @Bind("until") Instant until);

    /** Which of {@code ids} are the tenant's products (a report names only its own tenant's). */
    @SqlQuery("SELECT id FROM services WHERE account_id = :accountId AND id IN (<ids>)")
    List<Long> ownProducts(@Bind("accountId") long accountId, @BindList("ids") Collection<Long> ids);
}
