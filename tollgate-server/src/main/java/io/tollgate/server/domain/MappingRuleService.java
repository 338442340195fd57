package io.tollgate.server.domain;

import io.tollgate.common.Errors;
import io.tollgate.common.TollgateException;
import io.tollgate.model.MappingRule;
import io.tollgate.model.Owner;
import io.tollgate.server.http.Fields;
import io.tollgate.store.Database;
import io.tollgate.store.MappingRuleDao;
import io.tollgate.store.MetricDao;
import io.tollgate.store.Page;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Mapping rules of a product or a backend. An owner's rules are numbered 1..n by position with
 * acts_as_list semantics, as in 3scale: a new rule goes to the bottom unless it names a position,
 * in which case the rules from there down move one place; moving or deleting a rule closes the gap.
 */
public final class MappingRuleService {
    public static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "DELETE", "PUT", "PATCH", "HEAD",
            "OPTIONS");
    public static final int MAX_REDIRECT_URL_LENGTH = 255;

    private final Database database;
    private final Clock clock;

    public MappingRuleService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The owner's rules in position order. */
    public List<MappingRule> list(long accountId, Owner owner, Page page) {
        return database.read(h -> {
            Ownership.check(h, accountId, owner);
            return h.attach(MappingRuleDao.class).list(owner, page);
        });
    }

    public MappingRule find(long accountId, Owner owner, long id) {
        return database.read(h -> {
            Ownership.check(h, accountId, owner);
            return rule(h, owner, id);
        });
    }

    public MappingRule create(long accountId, Owner owner, Fields fields) {
        return database.write(h -> {
            Ownership.check(h, accountId, owner);
            MappingRuleDao rules = h.attach(MappingRuleDao.class);
            rules.lockOwner(owner);
            Values v = values(h, owner, fields, null);
            int count = rules.count(owner);
            int position = v.position() == null ? count + 1 : Math.min(v.position(), count + 1);
            if (position <= count) {
                rules.shift(owner, position, count, 1);
            }
            long id = rules.insert(accountId, owner.serviceId(), owner.backendApiId(), v.metricId(), v.httpMethod(),
                    v.pattern(), v.delta(), position, v.last(), v.redirectUrl(), clock.instant());
            return rule(h, owner, id);
        });
    }

    /** Changes the given fields; a new position moves the rule and shifts the rules in between. */
    public MappingRule update(long accountId, Owner owner, long id, Fields fields) {
        return database.write(h -> {
            Ownership.check(h, accountId, owner);
            MappingRuleDao rules = h.attach(MappingRuleDao.class);
            rules.lockOwner(owner);
            MappingRule current = rule(h, owner, id);
            Values v = values(h, owner, fields, current);
            int from = current.position();
            int to = v.position() == null ? from : Math.min(v.position(), rules.count(owner));
            if (to < from) {
                rules.shift(owner, to, from - 1, 1);
            } else if (to > from) {
                rules.shift(owner, from + 1, to, -1);
            }
            rules.update(id, v.metricId(), v.httpMethod(), v.pattern(), v.delta(), to, v.last(), v.redirectUrl(),
                    clock.instant());
            return rule(h, owner, id);
        });
    }

    /** Deletes the rule; the rules below it move up one place. */
    public void delete(long accountId, Owner owner, long id) {
        database.write(h -> {
            Ownership.check(h, accountId, owner);
            MappingRuleDao rules = h.attach(MappingRuleDao.class);
            rules.lockOwner(owner);
            MappingRule rule = rule(h, owner, id);
            rules.delete(id);
            return rules.shift(owner, rule.position() + 1, Integer.MAX_VALUE, -1);
        });
    }

    private static MappingRule rule(Handle h, Owner owner, long id) {
        return h.attach(MappingRuleDao.class).find(owner, id).orElseThrow(TollgateException::notFound);
    }

    /** The validated field values: those given, the current ones (or defaults) for the rest. */
    private record Values(String httpMethod, String pattern, long delta, long metricId, Integer position,
            boolean last, String redirectUrl) {
    }

    private static Values values(Handle h, Owner owner, Fields fields, MappingRule current) {
        Errors errors = new Errors();
        String method = fields.string("http_method").map(m -> m.trim().toUpperCase(Locale.ROOT))
                .orElse(current == null ? null : current.httpMethod());
        Validation.required("http_method", method, errors);
        if (method != null && !method.isBlank()) {
            Validation.inList("http_method", method, HTTP_METHODS, errors);
        }
        String pattern = fields.string("pattern").orElse(current == null ? null : current.pattern());
        Validation.required("pattern", pattern, errors);
        if (pattern != null && !pattern.isBlank()) {
            MappingRulePattern.problems(pattern).forEach(problem -> errors.add("pattern", problem));
        }
        Long delta = fields.integer("delta", errors).orElse(current == null ? null : current.delta());
        positive("delta", delta, errors);
        Long metricId = fields.integer("metric_id", errors).orElse(current == null ? null : current.metricId());
        if (metricId == null) {
            missing("metric_id", errors);
        } else if (h.attach(MetricDao.class).find(owner, metricId).isEmpty()) {
            errors.add("metric_id", "must be a metric or method of this "
                    + (owner.type() == Owner.Type.PRODUCT ? "product" : "backend"));
        }
        Long position = fields.integer("position", errors).orElse(null);
        if (position != null && position < 1) {
            errors.add("position", "must be greater than 0");
        }
        boolean last = fields.bool("last", errors).orElse(current != null && current.last());
        String redirectUrl = fields.has("redirect_url")
                ? fields.string("redirect_url").filter(s -> !s.isBlank()).orElse(null)
                : current == null ? null : current.redirectUrl();
        Validation.maxLength("redirect_url", redirectUrl, MAX_REDIRECT_URL_LENGTH, errors);
        errors.throwIfAny();
        // Positions beyond the list are clamped to the bottom by the callers, so int is enough.
        Integer requested = position == null ? null : (int) Math.min(position, Integer.MAX_VALUE);
        return new Values(method, pattern, delta, metricId, requested, last, redirectUrl);
    }

    private static void positive(String field, Long value, Errors errors) {
        if (value == null) {
            missing(field, errors);
        } else if (value < 1) {
            errors.add(field, "must be greater than 0");
        }
    }

    /** "can't be blank", unless the field already has a parse error. */
    private static void missing(String field, Errors errors) {
        if (!errors.has(field)) {
            errors.add(field, "can't be blank");
        }
    }
}
