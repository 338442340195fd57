package io.tollgate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** curl-like calls with {@code ?access_token=}, as a user's script would make them. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    record Response(int status, JsonNode json) {
    }

    private Http() {
    }

    static Response get(String baseUrl, String path, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(baseUrl, path, token)).GET().build());
    }

    static Response postJson(String baseUrl, String path, String token, String json)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(baseUrl, path, token)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static URI uri(String baseUrl, String path, String token) {
        return URI.create(baseUrl + path + (path.contains("?") ? "&" : "?") + "access_token=" + token);
    }

    private static Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isBlank() ? null : JSON.readTree(response.body());
        return new Response(response.statusCode(), json);
    }
}
