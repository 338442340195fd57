package io.tollgate.server.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.common.ErrorCode;
import io.tollgate.common.Errors;
import io.tollgate.common.TollgateException;
import io.tollgate.common.ValidationException;
import io.tollgate.model.BuiltinPolicies;
import io.tollgate.model.Json;
import io.tollgate.model.PolicyConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a policy chain as clients send it: a JSON array, or that array as a JSON string (the
 * 3scale Go client and curl scripts send {@code policies_config=<json>} form-encoded), or
 * form-encoded entries ({@code policies_config[][name]=…}). Errors name the entry, counted from 1:
 * {@code policies_config: ["entry 2: name can't be blank"]}.
 */
public final class PolicyChain {
    public static final String FIELD = "policies_config";

    private PolicyChain() {
    }

    /**
     * The validated chain.
     *
     * @param value the {@value #FIELD} parameter, or null when the request has none (400)
     */
    public static List<PolicyConfig> parse(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw new TollgateException(ErrorCode.PARAMETER_MISSING, FIELD);
        }
        JsonNode array = value.isTextual() ? parseText(value.asText()) : value;
        if (!array.isArray()) {
            throw ValidationException.of(FIELD, "must be an array of policies");
        }
        Errors errors = new Errors();
        List<PolicyConfig> chain = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            PolicyConfig entry = entry(array.get(i), "entry " + (i + 1) + ": ", errors);
            if (entry != null) {
                chain.add(entry);
            }
        }
        errors.throwIfAny();
        return List.copyOf(chain);
    }

    private static JsonNode parseText(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw ValidationException.of(FIELD, "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static PolicyConfig entry(JsonNode node, String prefix, Errors errors) {
        if (!(node instanceof ObjectNode object)) {
            errors.add(FIELD, prefix + "must be an object with name and version");
            return null;
        }
        String name = text(object, "name", prefix, errors);
        String version = text(object, "version", prefix, errors);
        if (BuiltinPolicies.VERSION.equals(version) && name != null && !BuiltinPolicies.isBuiltin(name)) {
            errors.add(FIELD, prefix + "name " + name + " is not a builtin policy (version builtin)");
        }
        ObjectNode configuration = configuration(object.get("configuration"), prefix, errors);
        boolean enabled = enabled(object.get("enabled"), prefix, errors);
        if (name == null || version == null || configuration == null) {
            return null;
        }
        return new PolicyConfig(name, version, configuration, enabled);
    }

    private static String text(ObjectNode entry, String key, String prefix, Errors errors) {
        JsonNode value = entry.get(key);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            errors.add(FIELD, prefix + key + " can't be blank");
            return null;
        }
        if (!value.isTextual()) {
            errors.add(FIELD, prefix + key + " must be a string");
            return null;
        }
        return value.asText().trim();
    }

    /** An object; absent or null means {}. A JSON string holding an object is accepted for form clients. */
    private static ObjectNode configuration(JsonNode value, String prefix, Errors errors) {
        if (value == null || value.isNull()) {
            return Json.MAPPER.createObjectNode();
        }
        JsonNode parsed = value;
        if (value.isTextual()) {
            try {
                parsed = value.asText().isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(value.asText());
            } catch (JsonProcessingException e) {
                parsed = value;
            }
        }
        if (parsed instanceof ObjectNode object) {
            return object;
        }
        errors.add(FIELD, prefix + "configuration must be an object");
        return null;
    }

    /** true unless given; form clients send "true"/"false" (or 1/0) as text. */
    private static boolean enabled(JsonNode value, String prefix, Errors errors) {
        if (value == null || value.isNull()) {
            return true;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        switch (value.asText().trim().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> {
                return true;
            }
            case "false", "0" -> {
                return false;
            }
            default -> {
                errors.add(FIELD, prefix + "enabled must be true or false");
                return true;
            }
        }
    }
}
