package io.tollgate.store;

import io.tollgate.model.MappingRule;
import io.tollgate.model.Owner;
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

/** Mapping rules of products and backends, kept in position order 1..n per owner. */
@RegisterRowMapper(MappingRuleDao.Mapper.class)
public interface MappingRuleDao {
    String OWNER = "(service_id = :serviceId OR backend_api_id = :backendApiId)";

    @SqlUpdate("""
            INSERT INTO mapping_rules (account_id, service_id, backend_api_id, metric_id, http_method, pattern,
                                       delta, rule_position, is_last, redirect_url, created_at, updated_at)
            VALUES (:accountId, :serviceId, :backendApiId, :metricId, :httpMethod, :pattern,
                    :delta, :position, :last, :redirectUrl, :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("accountId") long accountId, @Bind("serviceId") Long serviceId,
            @Bind("backendApiId") Long backendApiId, @Bind("metricId") long metricId,
            @Bind("httpMethod") String httpMethod, @Bind("pattern") String pattern, @Bind("delta") long delta,
            @Bind("position") int position, @Bind("last") boolean last, @Bind("redirectUrl") String redirectUrl,
            @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM mapping_rules WHERE " + OWNER + " ORDER BY rule_position, id LIMIT :limit OFFSET :offset")
    List<MappingRule> list(@Bind("serviceId") Long serviceId, @Bind("backendApiId") Long backendApiId,
            @Bind("limit") int limit, @Bind("offset") long offset);

    default List<MappingRule> list(Owner owner, Page page) {
        return list(owner.serviceId(), owner.backendApiId(), page.limit(), page.offset());
    }

    @SqlQuery("SELECT * FROM mapping_rules WHERE " + OWNER + " AND id = :id")
    Optional<MappingRule> find(@Bind("serviceId") Long serviceId, @Bind("backendApiId") Long backendApiId,
            @Bind("id") long id);

    default Optional<MappingRule> find(Owner owner, long id) {
        return find(owner.serviceId(), owner.backendApiId(), id);
    }

    @SqlQuery("SELECT COUNT(*) FROM mapping_rules WHERE " + OWNER)
    int count(@Bind("serviceId") Long serviceId, @Bind("backendApiId") Long backendApiId);

    default int count(Owner owner) {
        return count(owner.serviceId(), owner.backendApiId());
    }

    /** Moves the rules at positions [from, to] by {@code by} (+1 or -1) to open or close a gap. */
    @SqlUpdate("""
            UPDATE mapping_rules SET rule_position = rule_position + :by
            WHERE """ + OWNER + " AND rule_position >= :from AND rule_position <= :to")
    int shift(@Bind("serviceId") Long serviceId, @Bind("backendApiId") Long backendApiId,
            @Bind("from") int from, @Bind("to") int to, @Bind("by") int by);

    default int shift(Owner owner, int from, int to, int by) {
        return shift(owner.serviceId(), owner.backendApiId(), from, to, by);
    }

    @SqlUpdate("""
            UPDATE mapping_rules SET metric_id = :metricId, http_method = :httpMethod, pattern = :pattern,
                   delta = :delta, rule_position = :position, is_last = :last, redirect_url = :redirectUrl,
                   updated_at = :now
            WHERE id = :id
            """)
    int update(@Bind("id") long id, @Bind("metricId") long metricId, @Bind("httpMethod") String httpMethod,
            @Bind("pattern") String pattern, @Bind("delta") long delta, @Bind("position") int position,
            @Bind("last") boolean last, @Bind("redirectUrl") String redirectUrl, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM mapping_rules WHERE id = :id")
    int delete(@Bind("id") long id);

    /** Renumbers an owner's rules 1..n in their current order (after deletes that cascaded). */
    default void compact(Owner owner) {
        List<MappingRule> rules = list(owner, Page.ALL);
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).position() != i + 1) {
                setPosition(rules.get(i).id(), i + 1);
            }
        }
    }

    @SqlQuery("SELECT id FROM services WHERE id = :id FOR UPDATE")
    Optional<Long> lockProduct(@Bind("id") long id);

    @SqlQuery("SELECT id FROM backend_apis WHERE id = :id FOR UPDATE")
    Optional<Long> lockBackend(@Bind("id") long id);

    /**
     * Locks the owner's row until the transaction ends. Positions are renumbered with several
     * statements, so two concurrent writers to one owner's rules must take turns or they would
     * hand out the same position twice.
     */
    default void lockOwner(Owner owner) {
        if (owner.type() == Owner.Type.PRODUCT) {
            lockProduct(owner.id());
        } else {
            lockBackend(owner.id());
        }
    }

    @SqlUpdate("UPDATE mapping_rules SET rule_position = :position WHERE id = :id")
    int setPosition(@Bind("id") long id, @Bind("position") int position);

    final class Mapper implements RowMapper<MappingRule> {
        @Override
        public MappingRule map(ResultSet rs, StatementContext ctx) throws SQLException {
            Owner owner = Owner.of(Mappers.nullableLong(rs, "service_id"), Mappers.nullableLong(rs, "backend_api_id"));
            return new MappingRule(rs.getLong("id"), rs.getLong("account_id"), owner, rs.getLong("metric_id"),
                    rs.getString("http_method"), rs.getString("pattern"), rs.getLong("delta"),
                    rs.getInt("rule_position"), rs.getBoolean("is_last"), rs.getString("redirect_url"),
                    Mappers.instant(rs, "created_at"), Mappers.instant(rs, "updated_at"));
        }
    }
}
