package io.tollgate.server.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.common.Errors;
import io.tollgate.common.SystemNames;
import io.tollgate.common.TollgateException;
import io.tollgate.common.ValidationException;
import io.tollgate.model.ActiveDoc;
import io.tollgate.model.Json;
import io.tollgate.model.openapi.OpenApiProblem;
import io.tollgate.server.http.Fields;
import io.tollgate.store.ActiveDocDao;
import io.tollgate.store.Database;
import io.tollgate.store.ProductDao;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * A tenant's OpenAPI documents (3scale ActiveDocs). The body must be a JSON document and, unless
 * {@code skip_swagger_validations}, a valid OpenAPI 2.0/3.0/3.1 document; each problem is reported on
 * {@code body} with its JSON pointer. The system name is derived from the name unless given, unique
 * per tenant and fixed at creation.
 */
public final class ActiveDocService {
    /** The largest body accepted, as for proxy configurations. */
    public static final int MAX_BODY_CHARS = 2 * 1024 * 1024;
    /** At most this many body problems are listed; the rest are counted. */
    static final int MAX_PROBLEMS = 20;

    private final Database database;
    private final Clock clock;

    public ActiveDocService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public List<ActiveDoc> list(long accountId) {
        return database.read(h -> h.attach(ActiveDocDao.class).list(accountId));
    }

    public ActiveDoc find(long accountId, long id) {
        return database.read(h -> activeDoc(h, accountId, id));
    }

    public ActiveDoc create(long accountId, Fields fields) {
        Errors errors = new Errors();
        Validation.Naming naming = Validation.naming(fields, "name", SystemNames.ENTITY, errors);
        boolean published = fields.bool("published", errors).orElse(false);
        boolean skip = fields.bool("skip_swagger_validations", errors).orElse(false);
        String body = body(fields, errors);
        if (body == null && !errors.has("body")) {
            errors.add("body", "can't be blank");
        }
        Long serviceId = serviceId(fields, errors);
        validateBody(body, skip, errors);
        errors.throwIfAny();
        ActiveDocDao.Row row = new ActiveDocDao.Row(serviceId, naming.name(), naming.systemName(),
                fields.string("description").orElse(null), published, skip, body);
        return database.write(h -> {
            checkProduct(h, accountId, serviceId);
            ActiveDocDao docs = h.attach(ActiveDocDao.class);
            if (docs.findBySystemName(accountId, row.systemName()).isPresent()) {
                throw ValidationException.of("system_name", "has already been taken");
            }
            long id = docs.insert(accountId, row, clock.instant());
            return docs.find(accountId, id).orElseThrow();
        });
    }

    /** Changes the fields given; {@code system_name} is ignored. A null {@code service_id} unlinks the product. */
    public ActiveDoc update(long accountId, long id, Fields fields) {
        return database.write(h -> {
            ActiveDoc current = activeDoc(h, accountId, id);
            Errors errors = new Errors();
            String name = fields.has("name") ? fields.string("name").map(String::trim).orElse(null) : current.name();
            Validation.required("name", name, errors);
            Validation.maxLength("name", name, 255, errors);
            boolean published = fields.bool("published", errors).orElse(current.published());
            boolean skip = fields.bool("skip_swagger_validations", errors).orElse(current.skipSwaggerValidations());
            String body = fields.has("body") ? body(fields, errors) : current.body();
            if (body == null && !errors.has("body")) {
                errors.add("body", "can't be blank");
            }
            Long serviceId = fields.has("service_id") ? serviceId(fields, errors) : current.serviceId();
            validateBody(body, skip, errors);
            errors.throwIfAny();
            checkProduct(h, accountId, serviceId);
            String description = fields.has("description") ? fields.string("description").orElse(null)
                    : current.description();
            ActiveDocDao docs = h.attach(ActiveDocDao.class);
            docs.update(accountId, id, new ActiveDocDao.Row(serviceId, name, current.systemName(), description,
                    published, skip, body), clock.instant());
            return docs.find(accountId, id).orElseThrow();
        });
    }

    public void delete(long accountId, long id) {
        database.write(h -> h.attach(ActiveDocDao.class).delete(accountId, activeDoc(h, accountId, id).id()));
    }

    private static ActiveDoc activeDoc(Handle h, long accountId, long id) {
        return h.attach(ActiveDocDao.class).find(accountId, id).orElseThrow(TollgateException::notFound);
    }

    /** The body as JSON text: clients send a string; a JSON object is accepted and kept as its text. */
    private static String body(Fields fields, Errors errors) {
        JsonNode value = fields.node("body");
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return null;
        }
        String text = value.isTextual() ? value.asText() : value.toString();
        if (text.length() > MAX_BODY_CHARS) {
            errors.add("body", "is too long (maximum is 2 MB)");
        }
        return text;
    }

    private static Long serviceId(Fields fields, Errors errors) {
        if (fields.string("service_id").map(String::isBlank).orElse(true)) {
            return null;
        }
        // The toolbox sends the id as a string ("service_id":"101"); Fields reads both.
        return fields.integer("service_id", errors).orElse(null);
    }

    private static void checkProduct(Handle h, long accountId, Long serviceId) {
        if (serviceId != null && h.attach(ProductDao.class).find(accountId, serviceId).isEmpty()) {
            throw ValidationException.of("service_id", "is not a product of this account (" + serviceId + ")");
        }
    }

    private static void validateBody(String body, boolean skip, Errors errors) {
        if (body == null || errors.has("body")) {
            return;
        }
        JsonNode document;
        try {
            document = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            errors.add("body", "is not valid JSON: " + e.getOriginalMessage());
            return;
        }
        if (skip) {
            return;
        }
        List<OpenApiProblem> problems = OpenApiValidation.problems(body, document);
        problems.stream().limit(MAX_PROBLEMS).forEach(p -> errors.add("body", p.toString()));
        if (problems.size() > MAX_PROBLEMS) {
            errors.add("body", "… and " + (problems.size() - MAX_PROBLEMS) + " more problems");
        }
    }
}
