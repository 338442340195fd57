package io.tollgate.server.domain;

import io.tollgate.common.Errors;
import io.tollgate.common.SystemNames;
import io.tollgate.common.TollgateException;
import io.tollgate.common.ValidationException;
import io.tollgate.model.Metric;
import io.tollgate.model.Owner;
import io.tollgate.server.http.DeleteRefusedException;
import io.tollgate.server.http.Fields;
import io.tollgate.store.Database;
import io.tollgate.store.MappingRuleDao;
import io.tollgate.store.MetricDao;
import io.tollgate.store.Page;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Metrics and methods of a product or a backend. Every owner has a "hits" metric, created with
 * it and never deleted; methods are its children. Metrics and methods share one namespace of
 * system names per owner.
 */
public final class MetricService {
    private final Database database;
    private final Clock clock;

    public MetricService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Metrics and methods together, as 3scale lists them. */
    public List<Metric> list(long accountId, Owner owner, Page page) {
        return database.read(h -> {
            Ownership.check(h, accountId, owner);
            return h.attach(MetricDao.class).list(owner, page);
        });
    }

    public Metric find(long accountId, Owner owner, long id) {
        return database.read(h -> metric(h, accountId, owner, id));
    }

    public Metric create(long accountId, Owner owner, Fields fields) {
        return database.write(h -> {
            Ownership.check(h, accountId, owner);
            return insert(h, accountId, owner, null, fields);
        });
    }

    public List<Metric> methods(long accountId, Owner owner, long parentId, Page page) {
        return database.read(h -> {
            Metric parent = metric(h, accountId, owner, parentId);
            return h.attach(MetricDao.class).children(parent.id(), page.limit(), page.offset());
        });
    }

    public Metric method(long accountId, Owner owner, long parentId, long id) {
        return database.read(h -> method(h, accountId, owner, parentId, id));
    }

    /** Methods can only be created under "hits", so that every method call also counts as a hit. */
    public Metric createMethod(long accountId, Owner owner, long parentId, Fields fields) {
        return database.write(h -> {
            Metric parent = metric(h, accountId, owner, parentId);
            if (!parent.isHits()) {
                throw ValidationException.of("parent_id", "methods can only be created under the hits metric");
            }
            return insert(h, accountId, owner, parent.id(), fields);
        });
    }

    /** Updates friendly_name, unit and description; system_name is fixed at creation. */
    public Metric update(long accountId, Owner owner, long id, Fields fields) {
        return database.write(h -> update(h, metric(h, accountId, owner, id), fields));
    }

    public Metric updateMethod(long accountId, Owner owner, long parentId, long id, Fields fields) {
        return database.write(h -> update(h, method(h, accountId, owner, parentId, id), fields));
    }

    /**
     * Deletes a metric with its methods and the mapping rules that count on them. The hits metric
     * cannot be deleted: every product and backend needs it.
     */
    public void delete(long accountId, Owner owner, long id) {
        database.write(h -> delete(h, owner, metric(h, accountId, owner, id)));
    }

    public void deleteMethod(long accountId, Owner owner, long parentId, long id) {
        database.write(h -> delete(h, owner, method(h, accountId, owner, parentId, id)));
    }

    private Metric insert(Handle h, long accountId, Owner owner, Long parentId, Fields fields) {
        Errors errors = new Errors();
        // Clients send the system name as "system_name" or, for product metrics, as "name".
        Validation.Naming naming = Validation.naming(fields, "friendly_name", SystemNames.METRIC, errors,
                "system_name", "name");
        String friendlyName = naming.name();
        String systemName = naming.systemName();
        String unit = parentId != null ? "hit" : fields.string("unit").orElse(null);
        Validation.required("unit", unit, errors);
        errors.throwIfAny();
        MetricDao metrics = h.attach(MetricDao.class);
        if (metrics.findBySystemName(owner, systemName).isPresent()) {
            throw ValidationException.of("system_name", "has already been taken");
        }
        long id = metrics.insert(accountId, owner, parentId, systemName, friendlyName, unit,
                fields.string("description").orElse(null), clock.instant());
        return metrics.find(owner, id).orElseThrow();
    }

    private Metric update(Handle h, Metric current, Fields fields) {
        Errors errors = new Errors();
        String friendlyName = fields.string("friendly_name").orElse(current.friendlyName());
        Validation.required("friendly_name", friendlyName, errors);
        Validation.maxLength("friendly_name", friendlyName, 255, errors);
        String unit = current.isMethod() ? current.unit() : fields.string("unit").orElse(current.unit());
        Validation.required("unit", unit, errors);
        errors.throwIfAny();
        String description = fields.has("description") ? fields.string("description").orElse(null)
                : current.description();
        MetricDao metrics = h.attach(MetricDao.class);
        metrics.update(current.id(), friendlyName, unit, description, clock.instant());
        return metrics.find(current.owner(), current.id()).orElseThrow();
    }

    private static int delete(Handle h, Owner owner, Metric metric) {
        if (metric.isHits()) {
            throw new DeleteRefusedException("the hits metric cannot be deleted");
        }
        int deleted = h.attach(MetricDao.class).delete(metric.id());
        h.attach(MappingRuleDao.class).compact(owner);
        return deleted;
    }

    static Metric metric(Handle h, long accountId, Owner owner, long id) {
        Ownership.check(h, accountId, owner);
        return h.attach(MetricDao.class).find(owner, id).orElseThrow(TollgateException::notFound);
    }

    private static Metric method(Handle h, long accountId, Owner owner, long parentId, long id) {
        Metric method = metric(h, accountId, owner, id);
        if (method.parentId() == null || method.parentId() != parentId) {
            throw TollgateException.notFound();
        }
        return method;
    }
}
