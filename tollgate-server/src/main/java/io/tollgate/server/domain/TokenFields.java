package io.tollgate.server.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.common.Errors;
import io.tollgate.model.TokenScope;
import io.tollgate.server.http.Fields;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the {@code scopes} and {@code expires_at} fields of a new access token. */
final class TokenFields {
    private static final String KNOWN_SCOPES = Arrays.stream(TokenScope.values()).map(TokenScope::wire)
            .collect(Collectors.joining(", "));

    private TokenFields() {
    }

    /**
     * A non-empty list of known scopes, from a JSON array or form {@code scopes[]=a&scopes[]=b};
     * a single string counts as a one-element list. Repeated scopes are kept once.
     */
    static List<TokenScope> scopes(JsonNode value, Errors errors) {
        List<JsonNode> items = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(items::add);
        } else if (value != null && value.isValueNode() && !value.isNull()) {
            items.add(value);
        }
        Set<TokenScope> scopes = new LinkedHashSet<>();
        for (JsonNode item : items) {
            String text = item.asText().trim();
            if (text.isEmpty()) {
                continue;
            }
            TokenScope.fromWire(text).ifPresentOrElse(scopes::add,
                    () -> errors.add("scopes", "invalid scope " + text + " (expected one of: " + KNOWN_SCOPES + ")"));
        }
        if (scopes.isEmpty() && !errors.has("scopes")) {
            errors.add("scopes", "can't be blank");
        }
        return List.copyOf(scopes);
    }

    /**
     * An optional ISO-8601 expiry in the future: a timestamp with an offset, or a date or
     * date-time without one, taken as UTC.
     */
    static Instant expiresAt(Fields fields, Instant now, Errors errors) {
        String text = fields.nonBlank("expires_at").map(String::trim).orElse(null);
        if (text == null) {
            return null;
        }
        Instant at = parse(text);
        if (at == null) {
            errors.add("expires_at", "is not an ISO-8601 date and time (e.g. 2030-01-31T12:00:00Z)");
        } else if (!at.isAfter(now)) {
            errors.add("expires_at", "must be in the future");
        }
        return at;
    }

    private static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    return null;
                }
            }
        }
    }
}
