package io.tollgate.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Field-level validation failures, reported as 422 {"errors":{"field":["message",…]}}. Messages are
 * the short Rails-style texts 3scale clients match on (e.g. "has already been taken").
 */
public final class ValidationException extends TollgateException {
    private static final long serialVersionUID = 1L;

    private final transient Map<String, List<String>> errors;

    public ValidationException(Map<String, List<String>> errors) {
        super(ErrorCode.VALIDATION_FAILED);
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(Map.of(field, List.of(message)));
    }

    public Map<String, List<String>> errors() {
        return errors;
    }

    @Override
    public String getMessage() {
        StringBuilder text = new StringBuilder();
        errors.forEach((field, messages) -> messages.forEach(m -> {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(field).append(": ").append(m);
        }));
        return text.toString();
    }
}
