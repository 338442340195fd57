package io.tollgate.server.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.Json;
import io.tollgate.server.http.ApiRequest;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.AuditTrail;
import io.tollgate.store.AuditDao;
import io.tollgate.store.Database;
import java.time.Clock;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores one audit row per successful write: the tenant and user, the action, the route (as the
 * entity type, e.g. {@code services/:id/proxy}), the affected id and the request's fields with
 * every secret replaced by {@value #REDACTED}.
 *
 * <p>The row is written right after the change commits, in its own transaction: a crash between
 * the two loses the audit row, never the change.
 */
public final class AuditLog implements AuditTrail {
    static final String REDACTED = "[redacted]";
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final String PREFIX = "/admin/api/";
    private static final Set<String> SECRETS = Set.of("password", "access_token", "provider_key", "token",
            "secret_token", "client_secret", "user_key", "application_key", "app_key", "key", "private_key");
    private static final Map<String, String> ACTIONS = Map.of("POST", "create", "PUT", "update", "PATCH", "update",
            "DELETE", "delete");

    private final Database database;
    private final Clock clock;

    public AuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public void record(ApiRequest request, ApiResponse response) {
        try {
            String template = request.path();
            String type = template.startsWith(PREFIX) ? template.substring(PREFIX.length()) : template.substring(1);
            database.write(h -> h.attach(AuditDao.class).insert(request.accountId(), request.principal().userId(),
                    ACTIONS.getOrDefault(request.method(), request.method().toLowerCase(Locale.ROOT)),
                    request.method(), request.pathWithParams(), type, entityId(request, response),
                    response.status(), Json.write(redacted(request)), clock.instant()));
        } catch (RuntimeException e) {
            LOG.error("Could not record the audit of {} {}", request.method(), request.path(), e);
        }
    }

    /** The id in the response's entity, else the last numeric path parameter. */
    private static Long entityId(ApiRequest request, ApiResponse response) {
        JsonNode body = response.body();
        if (body != null && body.isObject() && body.size() == 1) {
            JsonNode entity = body.elements().next();
            if (entity.isObject() && entity.path("id").canConvertToLong()) {
                return entity.get("id").asLong();
            }
        }
        Long id = null;
        for (String value : request.pathParams().values()) {
            if (!value.isEmpty() && value.length() < 19 && value.chars().allMatch(Character::isDigit)) {
                id = Long.parseLong(value);
            }
        }
        return id;
    }

    private static ObjectNode redacted(ApiRequest request) {
        ObjectNode fields = request.params().deepCopy();
        request.pathParams().keySet().forEach(fields::remove);
        redact(fields);
        return fields;
    }

    private static void redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (SECRETS.contains(field.getKey().toLowerCase(Locale.ROOT)) && field.getValue().isValueNode()) {
                    field.setValue(Json.MAPPER.getNodeFactory().textNode(REDACTED));
                } else {
                    redact(field.getValue());
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(AuditLog::redact);
        }
    }
}
