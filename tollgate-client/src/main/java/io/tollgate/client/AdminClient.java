package io.tollgate.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.tollgate.model.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import io.tollgate.model.Owner;

/**
 * The admin API over HTTP, spoken as the 3scale clients speak it: {@code .json} paths, JSON bodies,
 * {@code Authorization: Basic base64(":" + token)}, one keep-alive HTTP/1.1 connection. Entities are
 * Jackson trees, unwrapped from their envelope. Failures are {@link ApiException} (an error status)
 * or {@link TransportException} (no answer); neither message ever holds the token.
 */
public final class AdminClient implements AutoCloseable {
    /** The largest page the admin API serves; a shorter page is the last one. */
    public static final int PAGE_SIZE = 500;
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final Remote remote;
    private final HttpClient http;
    private final String authorization;

    public AdminClient(Remote remote, Tls tls) {
        this.remote = requireNonNull(remote, "remote");
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10));
        if (remote.endpoint().getScheme().equals("https")) {
            builder.sslContext(tls.context());
        }
        this.http = builder.build();
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((":" + remote.token()).getBytes(StandardCharsets.UTF_8));
    }

    public Remote remote() {
        return remote;
    }

    public Services services() {
        return new Services(this);
    }

    public Backends backends() {
        return new Backends(this);
    }

    /** Metrics and methods of a product ({@code Owner.product(id)}) or a backend. */
    public Metrics metrics(Owner owner) {
        return new Metrics(this, owner);
    }

    public MappingRules mappingRules(Owner owner) {
        return new MappingRules(this, owner);
    }

    public Plans plans(long serviceId) {
        return new Plans(this, serviceId);
    }

    public Proxies proxies() {
        return new Proxies(this);
    }

    public Accounts accounts() {
        return new Accounts(this);
    }

    public Applications applications() {
        return new Applications(this);
    }

    public ActiveDocs activeDocs() {
        return new ActiveDocs(this);
    }

    public PolicyRegistry policyRegistry() {
        return new PolicyRegistry(this);
    }

    public Gateways gateways() {
        return new Gateways(this);
    }

    /** Client credentials with scopes for unattended gateway certificate renewal. */
    public ConnectedApps connectedApps() {
        return new ConnectedApps(this);
    }

    /** API instances: products placed on a registered gateway and a listener port. */
    public GatewayApis gatewayApis() {
        return new GatewayApis(this);
    }

    public JsonNode get(String path) {
        return send("GET", path, Map.of(), null);
    }

    public JsonNode get(String path, Map<String, String> query) {
        return send("GET", path, query, null);
    }

    /** A GET whose 404 means "there is none". */
    public Optional<JsonNode> find(String path, Map<String, String> query) {
        try {
            return Optional.of(send("GET", path, query, null));
        } catch (ApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public JsonNode post(String path, JsonNode body) {
        return send("POST", path, Map.of(), body);
    }

    public JsonNode put(String path, JsonNode body) {
        return send("PUT", path, Map.of(), body);
    }

    public JsonNode patch(String path, JsonNode body) {
        return send("PATCH", path, Map.of(), body);
    }

    public void delete(String path) {
        send("DELETE", path, Map.of(), null);
    }

    /** A DELETE whose answer is the entity as it is after the deletion (a policy removed from an API). */
    public JsonNode deleteAnswering(String path) {
        return send("DELETE", path, Map.of(), null);
    }

    /** {@code {"<plural>":[{"<singular>":{…}},…]}} as the inner entities, from an unpaginated list. */
    public List<JsonNode> list(String path, Map<String, String> query, String plural, String singular) {
        return unwrap(get(path, query).path(plural), singular);
    }

    /** Every page of a paginated list: {@value #PAGE_SIZE} per page until a page comes back short. */
    public List<JsonNode> listAll(String path, Map<String, String> query, String plural, String singular) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            Map<String, String> paged = new LinkedHashMap<>(query);
            paged.put("page", String.valueOf(page));
            paged.put("per_page", String.valueOf(PAGE_SIZE));
            List<JsonNode> items = list(path, paged, plural, singular);
            all.addAll(items);
            if (items.size() < PAGE_SIZE) {
                return all;
            }
        }
    }

    static List<JsonNode> unwrap(JsonNode array, String singular) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(item -> items.add(item.has(singular) ? item.get(singular) : item));
        return items;
    }

    private JsonNode send(String method, String path, Map<String, String> query, JsonNode body) {
        String shown = path + ".json";
        URI uri = URI.create(remote.endpoint() + shown + queryString(query));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw Failures.transport(remote, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while calling " + remote, e);
        }
        JsonNode parsed = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw new ApiException(method, shown, response.statusCode(),
                    parsed == null ? MissingNode.getInstance() : parsed);
        }
        if (parsed == null) {
            throw new TransportException(method + " " + shown + " on " + remote + " answered "
                    + response.statusCode() + " with a body that is not JSON", null);
        }
        return parsed;
    }

    /** The body as JSON; an empty body is a missing node; null when it is not JSON. */
    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringJoiner joiner = new StringJoiner("&", "?", "");
        query.forEach((k, v) -> joiner.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return joiner.toString();
    }

    @Override
    public void close() {
        http.close();
    }
}
