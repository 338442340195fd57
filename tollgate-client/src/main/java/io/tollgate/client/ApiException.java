package io.tollgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The admin API answered with an error status. The message is one line: the status, the request and
 * what the server said ({@code errors} per field, {@code error}, or {@code status}).
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient JsonNode body;

    public ApiException(String method, String path, int status, JsonNode body) {
        super("HTTP " + status + " on " + method + " " + path + ": " + describe(status, body));
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    /** The parsed error body; a missing node when the body was empty or not JSON. */
    public JsonNode body() {
        return body;
    }

    /** The messages of a 422 for {@code field} ({@code {"errors":{"field":[…]}}}). */
    public List<String> fieldErrors(String field) {
        List<String> messages = new ArrayList<>();
        body.path("errors").path(field).forEach(m -> messages.add(m.asText()));
        return messages;
    }

    static String describe(int status, JsonNode body) {
        JsonNode errors = body.path("errors");
        if (errors.isObject() && !errors.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : errors.properties()) {
                for (JsonNode message : field.getValue().isArray() ? field.getValue() : List.of(field.getValue())) {
                    parts.add(field.getKey().equals("base") ? message.asText() : field.getKey() + ": " + message.asText());
                }
            }
            return String.join("; ", parts);
        }
        if (body.hasNonNull("error")) {
            return body.get("error").asText();
        }
        if (body.hasNonNull("status")) {
            return body.get("status").asText();
        }
        return switch (status) {
            case 403 -> "access denied";
            case 404 -> "not found";
            default -> "unexpected answer";
        };
    }
}
