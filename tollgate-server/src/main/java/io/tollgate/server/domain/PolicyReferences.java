package io.tollgate.server.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.common.ValidationException;
import io.tollgate.model.Json;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The policies of an API instance by reference name, and the builtin chain entries they are. The
 * reference name {@code http-basic-authentication} ({@code username}, {@code password}, optional
 * {@code realm}) is the builtin {@code basic_auth} with the same fields, exactly as the gateway's local
 * mode translates it (tollgate-gateway {@code LocalPolicies}). The builtin names the gateway runs are
 * taken as they are, with their builtin configuration, except those that work with the meter: an API
 * instance is not metered (its chain has no {@code apicast}).
 */
final class PolicyReferences {
    static final String BASIC_AUTH = "http-basic-authentication";
    /** Reference name → builtin policy. */
    private static final Map<String, String> REFERENCES = Map.of(BASIC_AUTH, "basic_auth");
    /** Builtin names an API instance may use directly. */
    static final Set<String> BUILTIN = Set.of("basic_auth", "headers", "cors", "ip_check", "url_rewriting",
            "upstream", "rate_limit", "maintenance_mode", "payload_limits");
    /** Builtin policies that need the meter ({@code apicast}) and so are refused on an API instance. */
    private static final Set<String> METERED = Set.of("apicast", "default_credentials", "rate_limit_headers",
            "caching");

    private PolicyReferences() {
    }

    /** Every name an API instance's policy may be given by, for messages. */
    static String known() {
        Set<String> all = new TreeSet<>(REFERENCES.keySet());
        all.addAll(BUILTIN);
        return String.join(", ", all);
    }

    /** The chain entry name a reference stands for ({@code http-basic-authentication} → {@code basic_auth}). */
    static String builtin(String reference) {
        return REFERENCES.getOrDefault(reference, reference);
    }

    /** How a chain entry is reported: by its reference name when it has one. */
    static String reference(String builtin) {
        return REFERENCES.entrySet().stream().filter(e -> e.getValue().equals(builtin)).map(Map.Entry::getKey)
                .findFirst().orElse(builtin);
    }

    /** The chain entry name for a policy being added; 422 on {@code policy} for a name an API cannot use. */
    static String forAdding(String reference) {
        String builtin = builtin(reference);
        if (METERED.contains(builtin)) {
            throw ValidationException.of("policy", reference + " is not available on an API instance (it works with"
                    + " the meter, and an API instance is not metered)");
        }
        if (!BUILTIN.contains(builtin)) {
            throw ValidationException.of("policy", "'" + reference + "' is not a policy (expected: one of " + known()
                    + ")");
        }
        return builtin;
    }

    /**
     * The builtin configuration of {@code reference} from the request's {@code configuration}: an object,
     * or JSON text holding one (form clients); absent means {}. For {@code http-basic-authentication} the
     * fields are checked here, as the gateway would; builtin names keep their configuration as given.
     */
    static ObjectNode configuration(String reference, JsonNode given) {
        ObjectNode config = object(given);
        if (!BASIC_AUTH.equals(reference)) {
            return config;
        }
        for (Iterator<String> names = config.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!List.of("username", "password", "realm").contains(name)) {
                throw ValidationException.of("configuration", name + ": unknown field (expected: username, password,"
                        + " realm)");
            }
        }
        String username = text(config, "username").orElse("");
        if (username.isEmpty()) {
            throw ValidationException.of("configuration", "username: can't be blank");
        }
        if (username.indexOf(':') >= 0) {
            throw ValidationException.of("configuration", "username: contains ':' (expected: a user name without"
                    + " ':', RFC 7617)");
        }
        String password = text(config, "password").orElseThrow(() -> ValidationException.of("configuration",
                "password: can't be blank"));
        ObjectNode out = Json.MAPPER.createObjectNode().put("username", username).put("password", password);
        Optional<String> realm = text(config, "realm");
        if (realm.isPresent()) {
            String r = realm.get();
            if (r.indexOf('"') >= 0 || r.indexOf('\\') >= 0 || r.chars().anyMatch(c -> c < 0x20)) {
                throw ValidationException.of("configuration", "realm: contains a quote, backslash or control"
                        + " character (expected: plain text)");
            }
            out.put("realm", r);
        }
        return out;
    }

    private static ObjectNode object(JsonNode given) {
        if (given == null || given.isNull() || (given.isTextual() && given.asText().isBlank())) {
            return Json.MAPPER.createObjectNode();
        }
        JsonNode parsed = given;
        if (given.isTextual()) {
            try {
                parsed = Json.MAPPER.readTree(given.asText());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw ValidationException.of("configuration", "is not valid JSON: " + e.getOriginalMessage());
            }
        }
        if (parsed instanceof ObjectNode object) {
            return object.deepCopy();
        }
        throw ValidationException.of("configuration", "must be an object");
    }

    /** A string field; numbers are taken as text (form clients send everything as text). */
    private static Optional<String> text(ObjectNode config, String name) {
        JsonNode value = config.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isContainerNode()) {
            throw ValidationException.of("configuration", name + ": must be a string");
        }
        return Optional.of(value.asText());
    }
}
