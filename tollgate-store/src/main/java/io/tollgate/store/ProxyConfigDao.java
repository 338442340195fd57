package io.tollgate.store;

import io.tollgate.model.ProxyConfig;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Proxy configuration versions. The hosts column holds ",a,b," so that one portable
 * {@code LIKE '%,host,%'} finds the configurations answering for a host.
 */
@RegisterRowMapper(ProxyConfigDao.Mapper.class)
public interface ProxyConfigDao {
    /** The escape character of host patterns ({@code _} and {@code %} are legal in LIKE, not in hosts). */
    char ESCAPE = '!';
    String LATEST = """
            c.version = (SELECT MAX(m.version) FROM proxy_configs m
                         WHERE m.service_id = c.service_id AND m.environment = c.environment)""";

    @SqlUpdate("""
            INSERT INTO proxy_configs (account_id, service_id, environment, version, content, hosts, created_at)
            VALUES (:accountId, :serviceId, :environment, :version, :content, :hosts, :now)
            """)
    @GetGeneratedKeys("id")
    long insertRow(@Bind("accountId") long accountId, @Bind("serviceId") long serviceId,
            @Bind("environment") String environment, @Bind("version") int version, @Bind("content") String content,
            @Bind("hosts") String hosts, @Bind("now") Instant now);

    default long insert(long accountId, long serviceId, String environment, int version, String content,
            List<String> hosts, Instant now) {
        return insertRow(accountId, serviceId, environment, version, content, "," + String.join(",", hosts) + ",",
                now);
    }

    @SqlQuery("SELECT * FROM proxy_configs WHERE id = :id")
    Optional<ProxyConfig> find(@Bind("id") long id);

    @SqlQuery("""
            SELECT * FROM proxy_configs WHERE service_id = :serviceId AND environment = :environment
            ORDER BY version DESC LIMIT 1""")
    Optional<ProxyConfig> latest(@Bind("serviceId") long serviceId, @Bind("environment") String environment);

    @SqlQuery("""
            SELECT * FROM proxy_configs
            WHERE service_id = :serviceId AND environment = :environment AND version = :version""")
    Optional<ProxyConfig> findVersion(@Bind("serviceId") long serviceId, @Bind("environment") String environment,
            @Bind("version") long version);

    /** Oldest first, so that a client paging until a short page is not disturbed by new versions. */
    @SqlQuery("""
            SELECT * FROM proxy_configs WHERE service_id = :serviceId AND environment = :environment
            ORDER BY version LIMIT :limit OFFSET :offset""")
    List<ProxyConfig> list(@Bind("serviceId") long serviceId, @Bind("environment") String environment,
            @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT c.* FROM proxy_configs c"
            + " WHERE c.account_id = :accountId AND c.environment = :environment"
            + " AND c.hosts LIKE :hosts ESCAPE '!' AND " + LATEST
            + " ORDER BY c.service_id LIMIT :limit OFFSET :offset")
    List<ProxyConfig> latestOfAccount(@Bind("accountId") long accountId, @Bind("environment") String environment,
            @Bind("hosts") String hostPattern, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("""
            SELECT c.* FROM proxy_configs c
            WHERE c.account_id = :accountId AND c.environment = :environment
              AND c.hosts LIKE :hosts ESCAPE '!' AND c.version = :version
            ORDER BY c.service_id LIMIT :limit OFFSET :offset""")
    List<ProxyConfig> versionOfAccount(@Bind("accountId") long accountId, @Bind("environment") String environment,
            @Bind("hosts") String hostPattern, @Bind("version") long version, @Bind("limit") int limit,
            @Bind("offset") long offset);

    String ACTIVE_TENANT = """
            EXISTS (SELECT 1 FROM accounts a WHERE a.id = c.account_id AND a.kind = 'provider'
                    AND a.state NOT IN ('suspended', 'scheduled_for_deletion'))""";

    @SqlQuery("SELECT c.* FROM proxy_configs c"
            + " WHERE c.environment = :environment AND c.hosts LIKE :hosts ESCAPE '!' AND " + LATEST
            + " AND " + ACTIVE_TENANT
            + " ORDER BY c.service_id LIMIT :limit OFFSET :offset")
    List<ProxyConfig> latestOfActiveTenants(@Bind("environment") String environment, @Bind("hosts") String hostPattern,
            @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT c.* FROM proxy_configs c"
            + " WHERE c.environment = :environment AND c.hosts LIKE :hosts ESCAPE '!' AND c.version = :version"
            + " AND " + ACTIVE_TENANT
            + " ORDER BY c.service_id LIMIT :limit OFFSET :offset")
    List<ProxyConfig> versionOfActiveTenants(@Bind("environment") String environment, @Bind("hosts") String hostPattern,
            @Bind("version") long version, @Bind("limit") int limit, @Bind("offset") long offset);

    /**
     * Like {@link #ofAccount}, across every tenant that may use the API (not suspended or being
     * deleted): what a gateway bound to the master endpoint serves.
     */
    default List<ProxyConfig> ofActiveTenants(String environment, Optional<String> host, Optional<Long> version,
            Page page) {
        String pattern = host.map(h -> "%," + escape(h) + ",%").orElse("%");
        return version.isPresent()
                ? versionOfActiveTenants(environment, pattern, version.get(), page.limit(), page.offset())
                : latestOfActiveTenants(environment, pattern, page.limit(), page.offset());
    }

    /**
     * The configurations of the tenant's products in {@code environment}, one per product ordered
     * by product id: the latest, or exactly {@code version} when given (products without that
     * version are left out); only those answering for {@code host} when given.
     */
    default List<ProxyConfig> ofAccount(long accountId, String environment, Optional<String> host,
            Optional<Long> version, Page page) {
        String pattern = host.map(h -> "%," + escape(h) + ",%").orElse("%");
        return version.isPresent()
                ? versionOfAccount(accountId, environment, pattern, version.get(), page.limit(), page.offset())
                : latestOfAccount(accountId, environment, pattern, page.limit(), page.offset());
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == ESCAPE || c == '%' || c == '_') {
                out.append(ESCAPE);
            }
            out.append(c);
        }
        return out.toString();
    }

    final class Mapper implements RowMapper<ProxyConfig> {
        @Override
        public ProxyConfig map(ResultSet rs, StatementContext ctx) throws SQLException {
            List<String> hosts = Arrays.stream(rs.getString("hosts").split(","))
                    .filter(h -> !h.isEmpty()).map(h -> h.toLowerCase(Locale.ROOT)).toList();
            return new ProxyConfig(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("service_id"),
                    rs.getString("environment"), rs.getInt("version"), rs.getString("content"), hosts,
                    Mappers.instant(rs, "created_at"));
        }
    }
}
