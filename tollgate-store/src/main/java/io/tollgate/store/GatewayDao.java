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
 * The gateway registry. Every query names the tenant ({@code account_id}) except {@link #findById},
 * which the mTLS listener uses with the id from a certificate the CA signed. Deleting only marks
 * the row, so the (tenant, environment, name) unique index keeps the name taken for ever.
 */
@RegisterConstructorMapper(GatewayDao.Gateway.class)
public interface GatewayDao {

    /**
     * One registered gateway.
     *
     * @param connected whether it was registered for connected mode
     * @param lastSeenAt its last heartbeat, or null before the first
     * @param deletedAt when an admin deleted it, or null
     */
    record Gateway(long id, long accountId, String environment, String name,
            @ColumnName("connected_mode") boolean connected, String version, Instant lastSeenAt,
            String certificateSerial, Instant certificateExpiresAt, Instant deletedAt, Instant createdAt,
            Instant updatedAt) {

        public boolean deleted() {
            return deletedAt != null;
        }
    }

    String SELECT = "SELECT * FROM gateways";

    @SqlUpdate("""
            INSERT INTO gateways (account_id, environment, name, connected_mode, certificate_serial,
                certificate_expires_at, created_at, updated_at)
            VALUES (:accountId, :environment, :name, :connected, '-', :now, :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("accountId") long accountId, @Bind("environment") String environment,
            @Bind("name") String name, @Bind("connected") boolean connected, @Bind("now") Instant now);

    /** Records the certificate just issued to the gateway. */
    @SqlUpdate("UPDATE gateways SET certificate_serial = :serial, certificate_expires_at = :expiresAt,"
            + " updated_at = :now WHERE id = :id")
    int certificateIssued(@Bind("id") long id, @Bind("serial") String serial, @Bind("expiresAt") Instant expiresAt,
            @Bind("now") Instant now);

    /** The gateway with this name, deleted or not. */
    @SqlQuery(SELECT + " WHERE account_id = :accountId AND environment = :environment AND name = :name")
    Optional<Gateway> findByName(@Bind("accountId") long accountId, @Bind("environment") String environment,
            @Bind("name") String name);

    @SqlQuery(SELECT + " WHERE account_id = :accountId AND id = :id AND deleted_at IS NULL")
    Optional<Gateway> find(@Bind("accountId") long accountId, @Bind("id") long id);

    /** Any tenant's gateway, deleted or not: for the mTLS listener, which checks both itself. */
    @SqlQuery(SELECT + " WHERE id = :id")
    Optional<Gateway> findById(@Bind("id") long id);

    /** The tenant's gateways that are not deleted, by environment and name. */
    @SqlQuery(SELECT + " WHERE account_id = :accountId AND deleted_at IS NULL ORDER BY environment, name, id")
    List<Gateway> list(@Bind("accountId") long accountId);

    /** The tenant's gateways of one environment that are not deleted, by name. */
    @SqlQuery(SELECT + " WHERE account_id = :accountId AND environment = :environment AND deleted_at IS NULL"
            + " ORDER BY name, id")
    List<Gateway> list(@Bind("accountId") long accountId, @Bind("environment") String environment);

    @SqlUpdate("UPDATE gateways SET version = :version, last_seen_at = :now WHERE id = :id AND deleted_at IS NULL")
    int heartbeat(@Bind("id") long id, @Bind("version") String version, @Bind("now") Instant now);

    @SqlUpdate("UPDATE gateways SET deleted_at = :now, updated_at = :now"
            + " WHERE account_id = :accountId AND id = :id AND deleted_at IS NULL")
    int delete(@Bind("accountId") long accountId, @Bind("id") long id, @Bind("now") Instant now);
}
