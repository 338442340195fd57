package io.tollgate.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What a resource returns: a status and a JSON body ({@code null} for an empty body, as 3scale
 * answers a DELETE), plus any extra headers such as {@code Location}.
 */
public record ApiResponse(int status, JsonNode body, Map<String, String> headers) {

    public static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body, Map.of());
    }

    public static ApiResponse created(JsonNode body, String location) {
        return new ApiResponse(201, body, location == null ? Map.of() : Map.of("Location", location));
    }

    /** 200 with an empty body: what 3scale clients expect from a successful DELETE. */
    public static ApiResponse deleted() {
        return new ApiResponse(200, null, Map.of());
    }
}
