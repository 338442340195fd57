package io.tollgate.server.domain;

import io.tollgate.common.Errors;
import io.tollgate.common.TollgateException;
import io.tollgate.common.ValidationException;
import io.tollgate.model.ApplicationPlan;
import io.tollgate.model.Metric;
import io.tollgate.model.UsageLimit;
import io.tollgate.server.http.Fields;
import io.tollgate.store.Database;
import io.tollgate.store.Page;
import io.tollgate.store.UsageLimitDao;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Usage limits of a plan: at most one per metric and period. The metric is one of the plan's
 * product or of a backend the product uses; any other is "not found".
 */
public final class UsageLimitService {
    /** The periods 3scale's backend knows, shortest last as in its docs. */
    public static final List<String> PERIODS = List.of("eternity", "year", "month", "week", "day", "hour", "minute");

    private final Database database;
    private final Clock clock;

    public UsageLimitService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public List<UsageLimit> listByPlan(long accountId, long planId, Page page) {
        return database.read(h -> {
            PlanLookup.plan(h, accountId, planId);
            return h.attach(UsageLimitDao.class).listByPlan(planId, page.limit(), page.offset());
        });
    }

    public List<UsageLimit> listByMetric(long accountId, long planId, long metricId) {
        return database.read(h -> {
            Metric metric = PlanLookup.metric(h, PlanLookup.plan(h, accountId, planId), metricId);
            return h.attach(UsageLimitDao.class).listByMetric(planId, metric.id());
        });
    }

    public UsageLimit find(long accountId, long planId, long metricId, long id) {
        return database.read(h -> limit(h, accountId, planId, metricId, id));
    }

    public UsageLimit create(long accountId, long planId, long metricId, Fields fields) {
        return database.write(h -> {
            ApplicationPlan plan = PlanLookup.plan(h, accountId, planId);
            Metric metric = PlanLookup.metric(h, plan, metricId);
            Errors errors = new Errors();
            String period = period(fields, null, errors);
            Long value = value(fields, null, errors);
            errors.throwIfAny();
            UsageLimitDao limits = h.attach(UsageLimitDao.class);
            checkPeriodFree(limits, planId, metric.id(), period, null);
            long id = limits.insert(accountId, planId, metric.id(), period, value, clock.instant());
            return limits.find(planId, metric.id(), id).orElseThrow();
        });
    }

    /** Updates period and value; the plan and metric in the path win over any in the body. */
    public UsageLimit update(long accountId, long planId, long metricId, long id, Fields fields) {
        return database.write(h -> {
            UsageLimit current = limit(h, accountId, planId, metricId, id);
            Errors errors = new Errors();
            String period = period(fields, current.period(), errors);
            Long value = value(fields, current.value(), errors);
            errors.throwIfAny();
            UsageLimitDao limits = h.attach(UsageLimitDao.class);
            checkPeriodFree(limits, planId, current.metricId(), period, id);
            limits.update(id, period, value, clock.instant());
            return limits.find(planId, current.metricId(), id).orElseThrow();
        });
    }

    public void delete(long accountId, long planId, long metricId, long id) {
        database.write(h -> h.attach(UsageLimitDao.class).delete(limit(h, accountId, planId, metricId, id).id()));
    }

    private static String period(Fields fields, String current, Errors errors) {
        String period = fields.has("period") || current == null
                ? fields.string("period").map(String::trim).orElse(null) : current;
        Validation.required("period", period, errors);
        if (period != null && !period.isBlank()) {
            Validation.inList("period", period, PERIODS, errors);
        }
        return period;
    }

    private static Long value(Fields fields, Long current, Errors errors) {
        if (!fields.has("value") && current != null) {
            return current;
        }
        if (fields.string("value").filter(s -> !s.isBlank()).isEmpty()) {
            errors.add("value", "can't be blank");
            return null;
        }
        return Amounts.atLeast(fields, "value", 0, false, errors).orElse(null);
    }

    private static void checkPeriodFree(UsageLimitDao limits, long planId, long metricId, String period, Long self) {
        limits.findByPeriod(planId, metricId, period).filter(other -> self == null || other.id() != self)
                .ifPresent(other -> {
                    throw ValidationException.of("period", "has already been taken");
                });
    }

    private static UsageLimit limit(Handle h, long accountId, long planId, long metricId, long id) {
        Metric metric = PlanLookup.metric(h, PlanLookup.plan(h, accountId, planId), metricId);
        return h.attach(UsageLimitDao.class).find(planId, metric.id(), id).orElseThrow(TollgateException::notFound);
    }
}
