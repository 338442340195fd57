package io.tollgate.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What a resource returns: a status and a JSON body ({@code null} for an empty body, as 3scale
 * answers a DELETE), plus any extra headers such as {@code Location}; or, for a request that waits
 * for something (a long poll), the answer {@link #later} — the worker thread is free meanwhile.
 *
 * @param later when not null, the response to write once it completes (status, body and headers of
 *     this one are unused); the server cancels it when the client goes away
 */
public record ApiResponse(int status, JsonNode body, Map<String, String> headers,
        CompletableFuture<ApiResponse> later) {

    public ApiResponse(int status, JsonNode body, Map<String, String> headers) {
        this(status, body, headers, null);
    }

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

    /** The response {@code answer} completes with, written when it does; a failure is answered as if thrown. */
    public static ApiResponse later(CompletableFuture<ApiResponse> answer) {
        return new ApiResponse(0, null, Map.of(), java.util.Objects.requireNonNull(answer, "answer"));
    }
}
