package io.tollgate.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.tollgate.model.Json;
import io.tollgate.model.OidcConfiguration;
import io.tollgate.model.PolicyConfig;
import io.tollgate.model.Proxy;
import io.tollgate.model.ProxySettings;
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

/**
 * One proxy row per product. Its settings, policy chain and OIDC flows are JSON documents in the
 * shapes of {@link ProxySettings}, {@link PolicyConfig} and {@link OidcConfiguration}.
 */
@RegisterRowMapper(ProxyDao.Mapper.class)
public interface ProxyDao {

    @SqlUpdate("""
            INSERT INTO proxies (account_id, service_id, settings, policies_config, oidc_configuration,
                                 lock_version, created_at, updated_at)
            VALUES (:accountId, :serviceId, :settings, :policies, :oidc, 1, :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insertJson(@Bind("accountId") long accountId, @Bind("serviceId") long serviceId,
            @Bind("settings") String settings, @Bind("policies") String policies, @Bind("oidc") String oidc,
            @Bind("now") Instant now);

    default long insert(long accountId, long serviceId, ProxySettings settings, List<PolicyConfig> policies,
            OidcConfiguration oidc, Instant now) {
        return insertJson(accountId, serviceId, Json.write(settings), Json.write(policies), Json.write(oidc), now);
    }

    @SqlQuery("SELECT * FROM proxies WHERE service_id = :serviceId")
    Optional<Proxy> findByProduct(@Bind("serviceId") long serviceId);

    /**
     * The proxy row, locked until the transaction ends, so that concurrent updates of its separate
     * documents (settings, chain, OIDC flows) do not overwrite each other.
     */
    @SqlQuery("SELECT * FROM proxies WHERE service_id = :serviceId FOR UPDATE")
    Optional<Proxy> lockByProduct(@Bind("serviceId") long serviceId);

    @SqlUpdate("""
            UPDATE proxies SET settings = :settings, policies_config = :policies, oidc_configuration = :oidc,
                   lock_version = lock_version + 1, updated_at = :now
            WHERE service_id = :serviceId
            """)
    int updateJson(@Bind("serviceId") long serviceId, @Bind("settings") String settings,
            @Bind("policies") String policies, @Bind("oidc") String oidc, @Bind("now") Instant now);

    default int update(long serviceId, ProxySettings settings, List<PolicyConfig> policies, OidcConfiguration oidc,
            Instant now) {
        return updateJson(serviceId, Json.write(settings), Json.write(policies), Json.write(oidc), now);
    }

    final class Mapper implements RowMapper<Proxy> {
        private static final TypeReference<List<PolicyConfig>> POLICIES = new TypeReference<>() { };

        @Override
        public Proxy map(ResultSet rs, StatementContext ctx) throws SQLException {
            try {
                return new Proxy(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("service_id"),
                        Json.MAPPER.readValue(rs.getString("settings"), ProxySettings.class),
                        Json.MAPPER.readValue(rs.getString("policies_config"), POLICIES),
                        Json.MAPPER.readValue(rs.getString("oidc_configuration"), OidcConfiguration.class),
                        rs.getLong("lock_version"),
                        Mappers.instant(rs, "created_at"), Mappers.instant(rs, "updated_at"));
            } catch (JsonProcessingException e) {
                throw new SQLException("proxy of service " + rs.getLong("service_id") + " holds invalid JSON", e);
            }
        }
    }
}
