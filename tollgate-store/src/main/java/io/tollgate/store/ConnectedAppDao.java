package io.tollgate.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Connected apps: client credentials of a tenant for unattended gateway certificate renewal. */
@RegisterConstructorMapper(ConnectedAppDao.ConnectedApp.class)
public interface ConnectedAppDao {

    /**
     * One connected app (the secret's digest is never read back into this record).
     *
     * @param scopes comma-separated scope codes
     */
    record ConnectedApp(long id, long accountId, String name, String clientId, String scopes, Instant createdAt) {
    }

    String COLUMNS = "SELECT id, account_id, name, client_id, scopes, created_at FROM connected_apps";

    @SqlUpdate("""
            INSERT INTO connected_apps (account_id, name, client_id, secret_hash, scopes, created_at)
            VALUES (:accountId, :name, :clientId, :secretHash, :scopes, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("accountId") long accountId, @Bind("name") String name, @Bind("clientId") String clientId,
            @Bind("secretHash") String secretHash, @Bind("scopes") String scopes, @Bind("now") Instant now);

    @SqlQuery(COLUMNS + " WHERE account_id = :accountId ORDER BY id")
    List<ConnectedApp> list(@Bind("accountId") long accountId);

    @SqlQuery(COLUMNS + " WHERE account_id = :accountId AND id = :id")
    Optional<ConnectedApp> find(@Bind("accountId") long accountId, @Bind("id") long id);

    /** The app whose client id and secret digest both match: what renewal authenticates with. */
    @SqlQuery(COLUMNS + " WHERE client_id = :clientId AND secret_hash = :secretHash")
    Optional<ConnectedApp> findByCredentials(@Bind("clientId") String clientId,
            @Bind("secretHash") String secretHash);

    @SqlUpdate("DELETE FROM connected_apps WHERE account_id = :accountId AND id = :id")
    int delete(@Bind("accountId") long accountId, @Bind("id") long id);
}
