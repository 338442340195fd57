package io.tollgate.client.registration;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.client.ApiException;
import io.tollgate.client.Tls;
import io.tollgate.client.TransportException;
import io.tollgate.model.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The control plane's registration endpoints: register a gateway with a one-time token, renew its
 * certificate with user or connected-app credentials. Both send a CSR and get back the issued
 * certificate; neither needs an access token. A 400 is a {@link RegistrationRejectedException},
 * another error status an {@link ApiException}, no answer a {@link TransportException}.
 */
public final class RegistrationClient {
    public static final String REGISTER_PATH = "/admin/api/gateway/registrations.json";
    public static final String RENEW_PATH = "/admin/api/gateway/registrations/renew.json";
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    /** What the control plane issued. */
    public record Issued(long gatewayId, String environment, String certificate, String caBundle,
            String gatewayApiUrl) {
    }

    /** Who renews: an admin user of the organization, or a connected app. Exactly one pair is set. */
    public record Credentials(String username, String password, String clientId, String clientSecret) {
        public static Credentials user(String username, String password) {
            return new Credentials(requireNonNull(username, "username"), requireNonNull(password, "password"),
                    null, null);
        }

        public static Credentials connectedApp(String clientId, String clientSecret) {
            return new Credentials(null, null, requireNonNull(clientId, "clientId"),
                    requireNonNull(clientSecret, "clientSecret"));
        }

        @Override
        public String toString() {
            return username != null ? "Credentials[user=" + username + "]" : "Credentials[clientId=" + clientId + "]";
        }
    }

    private final URI controlPlane;
    private final HttpClient http;

    /** @param controlPlane the admin API's base URL, e.g. {@code http://localhost:3000} */
    public RegistrationClient(URI controlPlane, Tls tls) {
        this.controlPlane = requireNonNull(controlPlane, "controlPlane");
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10));
        if ("https".equals(controlPlane.getScheme())) {
            builder.sslContext(tls.context());
        }
        this.http = builder.build();
    }

    /** Registers gateway {@code name} of {@code organization} with a one-time token. */
    public Issued register(String organization, String token, String name, boolean connected, String csrPem) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("organization", organization).put("token", token)
                .put("name", name).put("connected", connected).put("csr", csrPem);
        return issued(post(REGISTER_PATH, body));
    }

    /** Issues a new certificate to the registered gateway {@code name}; works after the old one expired. */
    public Issued renew(String organization, String environment, String name, Credentials credentials,
            String csrPem) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("organization", organization)
                .put("environment", environment).put("name", name).put("csr", csrPem);
        if (credentials.username() != null) {
            body.put("username", credentials.username()).put("password", credentials.password());
        } else {
            body.put("client_id", credentials.clientId()).put("client_secret", credentials.clientSecret());
        }
        return issued(post(RENEW_PATH, body));
    }

    private static Issued issued(JsonNode answer) {
        JsonNode r = answer.path("registration");
        return new Issued(r.path("gateway_id").asLong(), r.path("environment").asText(),
                r.path("certificate").asText(), r.path("ca_bundle").asText(),
                r.hasNonNull("gateway_api_url") ? r.get("gateway_api_url").asText() : null);
    }

    private JsonNode post(String path, JsonNode body) {
        URI uri = URI.create(stripSlash(controlPlane.toString()) + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TransportException("cannot reach the control plane at " + controlPlane + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while calling " + controlPlane, e);
        }
        JsonNode parsed = parse(response.body());
        if (response.statusCode() == 400) {
            throw new RegistrationRejectedException(parsed.hasNonNull("error") ? parsed.get("error").asText()
                    : "bad request");
        }
        if (response.statusCode() / 100 != 2) {
            throw new ApiException("POST", path, response.statusCode(), parsed);
        }
        if (!parsed.path("registration").isObject()) {
            throw new TransportException("POST " + path + " on " + controlPlane + " answered "
                    + response.statusCode() + " without a registration", null);
        }
        return parsed;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }
}
