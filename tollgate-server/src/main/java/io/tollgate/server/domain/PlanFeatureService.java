package io.tollgate.server.domain;

import io.tollgate.common.Errors;
import io.tollgate.common.TollgateException;
import io.tollgate.common.ValidationException;
import io.tollgate.model.ApplicationPlan;
import io.tollgate.model.Feature;
import io.tollgate.server.http.Fields;
import io.tollgate.store.Database;
import io.tollgate.store.FeatureDao;
import io.tollgate.store.PlanFeatureDao;
import java.time.Clock;
import java.util.List;

/** The features a plan offers: features of the plan's product with scope ApplicationPlan. */
public final class PlanFeatureService {
    private final Database database;
    private final Clock clock;

    public PlanFeatureService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public List<Feature> list(long accountId, long planId) {
        return database.read(h -> {
            PlanLookup.plan(h, accountId, planId);
            return h.attach(PlanFeatureDao.class).list(planId);
        });
    }

    public Feature add(long accountId, long planId, Fields fields) {
        return database.write(h -> {
            ApplicationPlan plan = PlanLookup.plan(h, accountId, planId);
            Errors errors = new Errors();
            Long featureId = fields.integer("feature_id", errors).orElse(null);
            if (featureId == null && !errors.has("feature_id")) {
                errors.add("feature_id", "can't be blank");
            }
            errors.throwIfAny();
            Feature feature = h.attach(FeatureDao.class).find(plan.serviceId(), featureId)
                    .orElseThrow(() -> ValidationException.of("feature_id", "is not a feature of the plan's product"));
            if (!FeatureService.APPLICATION_PLAN.equals(feature.scope())) {
                throw ValidationException.of("feature_id", "must be a feature with scope ApplicationPlan");
            }
            PlanFeatureDao features = h.attach(PlanFeatureDao.class);
            if (features.find(planId, featureId).isPresent()) {
                throw ValidationException.of("feature_id", "has already been taken");
            }
            features.insert(accountId, planId, featureId, clock.instant());
            return feature;
        });
    }

    public void remove(long accountId, long planId, long featureId) {
        database.write(h -> {
            PlanLookup.plan(h, accountId, planId);
            int removed = h.attach(PlanFeatureDao.class).delete(planId, featureId);
            if (removed == 0) {
                throw TollgateException.notFound();
            }
            return removed;
        });
    }
}
