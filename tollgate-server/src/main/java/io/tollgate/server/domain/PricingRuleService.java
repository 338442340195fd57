package io.tollgate.server.domain;

import io.tollgate.common.Errors;
import io.tollgate.common.TollgateException;
import io.tollgate.model.ApplicationPlan;
import io.tollgate.model.Metric;
import io.tollgate.model.PricingRule;
import io.tollgate.server.http.Fields;
import io.tollgate.store.ApplicationPlanDao;
import io.tollgate.store.Database;
import io.tollgate.store.PricingRuleDao;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Pricing rules of a plan: a cost per unit for a range {@code min..max} of a metric's monthly
 * usage ({@code max} null: no upper bound). Ranges of one plan and metric never overlap.
 */
public final class PricingRuleService {
    private final Database database;
    private final Clock clock;

    public PricingRuleService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public List<PricingRule> listByPlan(long accountId, long planId) {
        return database.read(h -> {
            PlanLookup.plan(h, accountId, planId);
            return h.attach(PricingRuleDao.class).listByPlan(planId);
        });
    }

    public List<PricingRule> listByMetric(long accountId, long planId, long metricId) {
        return database.read(h -> {
            Metric metric = PlanLookup.metric(h, PlanLookup.plan(h, accountId, planId), metricId);
            return h.attach(PricingRuleDao.class).listByMetric(planId, metric.id());
        });
    }

    public PricingRule find(long accountId, long planId, long metricId, long id) {
        return database.read(h -> rule(h, accountId, planId, metricId, id));
    }

    public PricingRule create(long accountId, long planId, long metricId, Fields fields) {
        return database.write(h -> {
            ApplicationPlan plan = PlanLookup.plan(h, accountId, planId);
            Metric metric = PlanLookup.metric(h, plan, metricId);
            Errors errors = new Errors();
            BigDecimal cost = null;
            if (fields.string("cost_per_unit").filter(s -> !s.isBlank()).isEmpty()) {
                errors.add("cost_per_unit", "can't be blank");
            } else {
                cost = Amounts.money(fields, "cost_per_unit", errors).orElse(null);
            }
            long min = Amounts.atLeast(fields, "min", 1, false, errors).orElse(1L);
            Long max = Amounts.atLeast(fields, "max", 0, false, errors).orElse(null);
            if (max != null && max < min) {
                errors.add("max", "must be greater than or equal to min (" + min + ")");
            }
            errors.throwIfAny();
            // Overlaps are checked against the rows read here: locking the plan row keeps two
            // concurrent creates from both passing the check.
            h.attach(ApplicationPlanDao.class).lock(planId);
            PricingRuleDao rules = h.attach(PricingRuleDao.class);
            for (PricingRule other : rules.listByMetric(planId, metric.id())) {
                overlap(other, min, max, errors);
            }
            errors.throwIfAny();
            long id = rules.insert(accountId, planId, metric.id(), cost, min, max, clock.instant());
            return rules.find(planId, metric.id(), id).orElseThrow();
        });
    }

    public void delete(long accountId, long planId, long metricId, long id) {
        database.write(h -> h.attach(PricingRuleDao.class).delete(rule(h, accountId, planId, metricId, id).id()));
    }

    /** Reports on min and/or max when {@code min..max} overlaps the other rule's range. */
    private static void overlap(PricingRule other, long min, Long max, Errors errors) {
        long otherMax = other.max() == null ? Long.MAX_VALUE : other.max();
        long newMax = max == null ? Long.MAX_VALUE : max;
        if (min > otherMax || other.min() > newMax) {
            return;
        }
        String message = "overlaps with pricing rule " + other.id() + " (" + other.min() + ".."
                + (other.max() == null ? "infinity" : other.max()) + ")";
        boolean minInside = min >= other.min();
        boolean maxInside = newMax <= otherMax;
        if (minInside || !maxInside) {
            errors.add("min", message);
        }
        if (maxInside || !minInside) {
            errors.add("max", message);
        }
    }

    private static PricingRule rule(Handle h, long accountId, long planId, long metricId, long id) {
        Metric metric = PlanLookup.metric(h, PlanLookup.plan(h, accountId, planId), metricId);
        return h.attach(PricingRuleDao.class).find(planId, metric.id(), id).orElseThrow(TollgateException::notFound);
    }
}
