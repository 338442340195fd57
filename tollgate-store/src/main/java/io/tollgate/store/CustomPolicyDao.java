package io.tollgate.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.CustomPolicy;
import io.tollgate.model.Json;
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

/** A tenant's policy registry (the {@code custom_policies} table); the manifest is stored as JSON text. */
@RegisterRowMapper(CustomPolicyDao.Mapper.class)
public interface CustomPolicyDao {

    @SqlUpdate("""
            INSERT INTO custom_policies (account_id, name, version, policy_schema, created_at, updated_at)
            VALUES (:accountId, :name, :version, :schema, :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("accountId") long accountId, @Bind("name") String name, @Bind("version") String version,
            @Bind("schema") String schemaJson, @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM custom_policies WHERE account_id = :accountId AND id = :id")
    Optional<CustomPolicy> find(@Bind("accountId") long accountId, @Bind("id") long id);

    @SqlQuery("SELECT * FROM custom_policies WHERE account_id = :accountId AND name = :name AND version = :version")
    Optional<CustomPolicy> findByNameAndVersion(@Bind("accountId") long accountId, @Bind("name") String name,
            @Bind("version") String version);

    @SqlQuery("SELECT * FROM custom_policies WHERE account_id = :accountId ORDER BY name, id")
    List<CustomPolicy> list(@Bind("accountId") long accountId);

    @SqlUpdate("""
            UPDATE custom_policies SET name = :name, version = :version, policy_schema = :schema, updated_at = :now
            WHERE account_id = :accountId AND id = :id
            """)
    int update(@Bind("accountId") long accountId, @Bind("id") long id, @Bind("name") String name,
            @Bind("version") String version, @Bind("schema") String schemaJson, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM custom_policies WHERE account_id = :accountId AND id = :id")
    int delete(@Bind("accountId") long accountId, @Bind("id") long id);

    final class Mapper implements RowMapper<CustomPolicy> {
        @Override
        public CustomPolicy map(ResultSet rs, StatementContext ctx) throws SQLException {
            String schema = rs.getString("policy_schema");
            try {
                return new CustomPolicy(rs.getLong("id"), rs.getLong("account_id"), rs.getString("name"),
                        rs.getString("version"), (ObjectNode) Json.MAPPER.readTree(schema),
                        Mappers.instant(rs, "created_at"), Mappers.instant(rs, "updated_at"));
            } catch (JsonProcessingException | ClassCastException e) {
                throw new SQLException("custom_policies.policy_schema of policy " + rs.getLong("id")
                        + " is not a JSON object", e);
            }
        }
    }
}
