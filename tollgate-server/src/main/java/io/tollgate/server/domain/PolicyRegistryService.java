package io.tollgate.server.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.common.Errors;
import io.tollgate.common.SystemNames;
import io.tollgate.common.TollgateException;
import io.tollgate.common.ValidationException;
import io.tollgate.model.BuiltinPolicies;
import io.tollgate.model.CustomPolicy;
import io.tollgate.model.Json;
import io.tollgate.server.http.Fields;
import io.tollgate.store.CustomPolicyDao;
import io.tollgate.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * A tenant's policy registry: custom gateway policies, one entry per name and version, each with
 * its manifest ({@link PolicyManifest}). Also lists every policy a chain can use: the gateway's
 * builtin ones and the tenant's custom ones.
 */
public final class PolicyRegistryService {
    private final Database database;
    private final Clock clock;

    public PolicyRegistryService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public List<CustomPolicy> list(long accountId) {
        return database.read(h -> h.attach(CustomPolicyDao.class).list(accountId));
    }

    /** By numeric id, or by {@code <name>-<version>} as 3scale also accepts. */
    public CustomPolicy find(long accountId, String ref) {
        return database.read(h -> policy(h, accountId, ref));
    }

    public CustomPolicy create(long accountId, Fields fields) {
        Entry entry = entry(fields, null);
        return database.write(h -> {
            CustomPolicyDao policies = h.attach(CustomPolicyDao.class);
            if (policies.findByNameAndVersion(accountId, entry.name(), entry.version()).isPresent()) {
                throw ValidationException.of("version", "has already been taken");
            }
            long id = policies.insert(accountId, entry.name(), entry.version(), entry.schema().toString(),
                    clock.instant());
            return policies.find(accountId, id).orElseThrow();
        });
    }

    /** Changes the fields given; the manifest is checked against the resulting version. */
    public CustomPolicy update(long accountId, String ref, Fields fields) {
        return database.write(h -> {
            CustomPolicy current = policy(h, accountId, ref);
            Entry entry = entry(fields, current);
            CustomPolicyDao policies = h.attach(CustomPolicyDao.class);
            Optional<CustomPolicy> clash = policies.findByNameAndVersion(accountId, entry.name(), entry.version());
            if (clash.isPresent() && clash.get().id() != current.id()) {
                throw ValidationException.of("version", "has already been taken");
            }
            policies.update(accountId, current.id(), entry.name(), entry.version(), entry.schema().toString(),
                    clock.instant());
            return policies.find(accountId, current.id()).orElseThrow();
        });
    }

    public void delete(long accountId, String ref) {
        database.write(h -> h.attach(CustomPolicyDao.class).delete(accountId, policy(h, accountId, ref).id()));
    }

    /**
     * {@code {"<name>": [manifest, …]}}: the builtin policies in the gateway's order, each with its
     * manifest, then the tenant's custom versions (under a builtin's name too, after its manifest).
     */
    public ObjectNode available(long accountId) {
        ObjectNode all = Json.MAPPER.createObjectNode();
        for (Map.Entry<String, ObjectNode> builtin : BuiltinPolicies.manifests().entrySet()) {
            all.putArray(builtin.getKey()).add(builtin.getValue());
        }
        for (CustomPolicy custom : list(accountId)) {
            JsonNode versions = all.get(custom.name());
            ArrayNode array = versions instanceof ArrayNode existing ? existing : all.putArray(custom.name());
            array.add(custom.schema());
        }
        return all;
    }

    private record Entry(String name, String version, ObjectNode schema) {
    }

    private static Entry entry(Fields fields, CustomPolicy current) {
        Errors errors = new Errors();
        String name = fields.has("name") || current == null ? fields.string("name").map(String::trim).orElse(null)
                : current.name();
        String version = fields.has("version") || current == null
                ? fields.string("version").map(String::trim).orElse(null) : current.version();
        if (name == null || name.isBlank()) {
            errors.add("name", "can't be blank");
        } else {
            SystemNames.validate("name", name, SystemNames.METRIC, errors);
        }
        Validation.required("version", version, errors);
        Validation.maxLength("version", version, 255, errors);
        if (BuiltinPolicies.VERSION.equals(version)) {
            errors.add("version", "builtin is reserved for the gateway's own policies");
        }
        JsonNode schema = fields.has("schema") || current == null ? schema(fields.node("schema"), errors)
                : current.schema();
        if (schema == null && !errors.has("schema")) {
            errors.add("schema", "can't be blank (the policy manifest)");
        } else if (schema != null) {
            PolicyManifest.check(schema, version, errors);
        }
        errors.throwIfAny();
        return new Entry(name, version, (ObjectNode) schema);
    }

    /** An object, or that object as JSON text (form clients). */
    private static JsonNode schema(JsonNode value, Errors errors) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            try {
                return Json.MAPPER.readTree(value.asText());
            } catch (JsonProcessingException e) {
                errors.add("schema", "is not valid JSON: " + e.getOriginalMessage());
                return null;
            }
        }
        return value;
    }

    private static CustomPolicy policy(Handle h, long accountId, String ref) {
        CustomPolicyDao policies = h.attach(CustomPolicyDao.class);
        if (ref != null && !ref.isEmpty() && ref.length() <= 18 && ref.chars().allMatch(Character::isDigit)) {
            return policies.find(accountId, Long.parseLong(ref)).orElseThrow(TollgateException::notFound);
        }
        // "<name>-<version>": names and versions may contain '-', so compare whole strings.
        return policies.list(accountId).stream().filter(p -> (p.name() + "-" + p.version()).equals(ref))
                .findFirst().orElseThrow(TollgateException::notFound);
    }
}
