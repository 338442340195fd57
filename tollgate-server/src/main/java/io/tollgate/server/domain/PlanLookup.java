package io.tollgate.server.domain;

import io.tollgate.common.TollgateException;
import io.tollgate.model.ApplicationPlan;
import io.tollgate.model.Metric;
import io.tollgate.store.ApplicationPlanDao;
import org.jdbi.v3.core.Handle;

/**
 * Loads the tenant's plan named in a path, and a metric that plan can limit or price, or fails
 * with 404. Scoped by tenant like {@link Ownership}.
 */
final class PlanLookup {
    private PlanLookup() {
    }

    static ApplicationPlan plan(Handle h, long accountId, long planId) {
        return h.attach(ApplicationPlanDao.class).find(accountId, planId).orElseThrow(TollgateException::notFound);
    }

    /** A metric or method of the plan's product, or of a backend that product uses. */
    static Metric metric(Handle h, ApplicationPlan plan, long metricId) {
        return h.attach(ApplicationPlanDao.class).planMetric(plan.serviceId(), metricId)
                .orElseThrow(TollgateException::notFound);
    }
}
