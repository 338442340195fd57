package io.tollgate.server.domain;

import io.tollgate.common.Errors;
import io.tollgate.common.SystemNames;
import io.tollgate.common.TollgateException;
import io.tollgate.common.ValidationException;
import io.tollgate.model.Feature;
import io.tollgate.server.http.Fields;
import io.tollgate.store.Database;
import io.tollgate.store.FeatureDao;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Features of a product, which its plans can offer. The system name is derived from the name
 * unless given, is unique per product and, as in 3scale, never changes after creation.
 */
public final class FeatureService {
    public static final String APPLICATION_PLAN = "ApplicationPlan";
    public static final Set<String> SCOPES = Set.of(APPLICATION_PLAN, "ServicePlan");

    private final Database database;
    private final Clock clock;

    public FeatureService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public List<Feature> list(long accountId, long productId) {
        return database.read(h -> {
            Ownership.product(h, accountId, productId);
            return h.attach(FeatureDao.class).listByProduct(productId);
        });
    }

    public Feature find(long accountId, long productId, long id) {
        return database.read(h -> feature(h, accountId, productId, id));
    }

    public Feature create(long accountId, long productId, Fields fields) {
        return database.write(h -> {
            Ownership.product(h, accountId, productId);
            Errors errors = new Errors();
            Validation.Naming naming = Validation.naming(fields, "name", SystemNames.ENTITY, errors);
            String name = naming.name();
            String systemName = naming.systemName();
            String scope = fields.nonBlank("scope").orElse(APPLICATION_PLAN);
            Validation.inList("scope", scope, SCOPES, errors);
            boolean visible = fields.bool("visible", errors).orElse(true);
            errors.throwIfAny();
            FeatureDao features = h.attach(FeatureDao.class);
            if (features.findBySystemName(productId, systemName).isPresent()) {
                throw ValidationException.of("system_name", "has already been taken");
            }
            long id = features.insert(accountId, productId, name, systemName, fields.string("description").orElse(null),
                    scope, visible, clock.instant());
            return features.find(productId, id).orElseThrow();
        });
    }

    /** Updates name, description, scope and visible; system_name is ignored. */
    public Feature update(long accountId, long productId, long id, Fields fields) {
        return database.write(h -> {
            Feature current = feature(h, accountId, productId, id);
            Errors errors = new Errors();
            String name = fields.has("name") ? fields.string("name").map(String::trim).orElse(null) : current.name();
            Validation.required("name", name, errors);
            Validation.maxLength("name", name, 255, errors);
            String scope = fields.nonBlank("scope").orElse(current.scope());
            Validation.inList("scope", scope, SCOPES, errors);
            boolean visible = fields.bool("visible", errors).orElse(current.visible());
            errors.throwIfAny();
            String description = fields.has("description") ? fields.string("description").orElse(null)
                    : current.description();
            FeatureDao features = h.attach(FeatureDao.class);
            features.update(id, name, description, scope, visible, clock.instant());
            return features.find(productId, id).orElseThrow();
        });
    }

    public void delete(long accountId, long productId, long id) {
        database.write(h -> h.attach(FeatureDao.class).delete(feature(h, accountId, productId, id).id()));
    }

    private static Feature feature(Handle h, long accountId, long productId, long id) {
        Ownership.product(h, accountId, productId);
        return h.attach(FeatureDao.class).find(productId, id).orElseThrow(TollgateException::notFound);
    }
}
