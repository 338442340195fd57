package io.tollgate.server.domain;

import io.tollgate.common.Errors;
import io.tollgate.common.SystemNames;
import io.tollgate.common.ValidationException;
import io.tollgate.model.BackendApi;
import io.tollgate.model.Metric;
import io.tollgate.model.Owner;
import io.tollgate.server.http.DeleteRefusedException;
import io.tollgate.server.http.Fields;
import io.tollgate.store.BackendApiDao;
import io.tollgate.store.BackendUsageDao;
import io.tollgate.store.Database;
import io.tollgate.store.MetricDao;
import io.tollgate.store.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Backends: upstream APIs with a private endpoint, used by products through backend usages.
 * A backend is created with its "hits" metric, and cannot be deleted while a product uses it.
 */
public final class BackendApiService {
    /** WebSocket upstreams are allowed, as in 3scale. */
    public static final List<String> ENDPOINT_SCHEMES = List.of("http", "https", "ws", "wss");
    public static final int MAX_ENDPOINT_LENGTH = 255;

    private final Database database;
    private final Clock clock;

    public BackendApiService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public List<BackendApi> list(long accountId, Page page) {
        return database.read(h -> h.attach(BackendApiDao.class).list(accountId, page.limit(), page.offset()));
    }

    public BackendApi find(long accountId, long id) {
        return database.read(h -> Ownership.backend(h, accountId, id));
    }

    public BackendApi create(long accountId, Fields fields) {
        return database.write(h -> create(h, accountId, fields));
    }

    /** {@link #create(long, Fields)} inside the caller's transaction. */
    BackendApi create(Handle h, long accountId, Fields fields) {
        Errors errors = new Errors();
        Validation.Naming naming = Validation.naming(fields, "name", SystemNames.ENTITY, errors);
        String name = naming.name();
        String systemName = naming.systemName();
        String endpoint = fields.string("private_endpoint").map(String::trim).orElse(null);
        endpoint(endpoint, errors);
        Map<String, String> annotations = fields.stringMap("annotations", errors).orElse(Map.of());
        errors.throwIfAny();

        BackendApiDao backends = h.attach(BackendApiDao.class);
        if (backends.findBySystemName(accountId, systemName).isPresent()) {
            throw ValidationException.of("system_name", "has already been taken");
        }
        Instant now = clock.instant();
        long id = backends.insert(accountId, name, systemName, fields.string("description").orElse(null),
                endpoint, Annotations.json(annotations), now);
        h.attach(MetricDao.class).insert(accountId, Owner.backend(id), null, Metric.HITS, "Hits", "hit",
                "Number of API hits", now);
        return backends.find(accountId, id).orElseThrow();
    }

    /** Updates name, description, private_endpoint and annotations; system_name is fixed at creation. */
    public BackendApi update(long accountId, long id, Fields fields) {
        return database.write(h -> {
            BackendApi current = Ownership.backend(h, accountId, id);
            Errors errors = new Errors();
            String name = fields.string("name").orElse(current.name());
            Validation.required("name", name, errors);
            Validation.maxLength("name", name, 255, errors);
            String endpoint = fields.string("private_endpoint").map(String::trim).orElse(current.privateEndpoint());
            endpoint(endpoint, errors);
            Map<String, String> annotations = fields.stringMap("annotations", errors)
                    .map(a -> Annotations.merge(current.annotations(), a)).orElse(current.annotations());
            errors.throwIfAny();
            String description = fields.has("description") ? fields.string("description").orElse(null)
                    : current.description();
            BackendApiDao backends = h.attach(BackendApiDao.class);
            backends.update(accountId, id, name, description, endpoint, Annotations.json(annotations),
                    clock.instant());
            return Ownership.backend(h, accountId, id);
        });
    }

    /**
     * Deletes the backend with its metrics and mapping rules (the schema cascades), unless a
     * product still uses it: deleting it then would silently break that product's routing.
     */
    public void delete(long accountId, long id) {
        database.write(h -> {
            Ownership.backend(h, accountId, id);
            BackendApiDao backends = h.attach(BackendApiDao.class);
            // Taken before counting usages; BackendUsageService takes the same lock before adding one.
            backends.lock(accountId, id);
            if (!h.attach(BackendUsageDao.class).listByBackend(id).isEmpty()) {
                throw new DeleteRefusedException("cannot be deleted because it is used by at least one Product");
            }
            return backends.delete(accountId, id);
        });
    }

    private static void endpoint(String endpoint, Errors errors) {
        Validation.required("private_endpoint", endpoint, errors);
        Validation.maxLength("private_endpoint", endpoint, MAX_ENDPOINT_LENGTH, errors);
        if (!errors.has("private_endpoint")) {
            Validation.absoluteUrl("private_endpoint", endpoint, ENDPOINT_SCHEMES, errors);
        }
    }
}
