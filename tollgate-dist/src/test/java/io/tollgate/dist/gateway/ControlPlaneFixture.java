package io.tollgate.dist.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.meter.config.LocalMeterConfig;
import io.tollgate.meter.stats.MemoryUsageStats;
import io.tollgate.server.Bootstrap;
import io.tollgate.server.ControlPlane;
import io.tollgate.server.domain.EndpointDefaults;
import io.tollgate.server.domain.UserSessions;
import io.tollgate.server.http.AdminApiServer;
import io.tollgate.store.Database;
import io.tollgate.store.DatabaseConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * A real control plane for the gateway's end-to-end tests: H2 in memory, the admin API on a port
 * that stays the same across {@link #stop()} and {@link #start()} (a server that goes down and
 * comes back), and the meter's configuration published in process, where the gateway's meter reads
 * it (as in {@code tollgate up}).
 */
final class ControlPlaneFixture implements AutoCloseable {
    static final String ADMIN_TOKEN = "admin-token-for-gateway-tests";
    private static final ObjectMapper JSON = new ObjectMapper();

    final LocalMeterConfig meterConfig = new LocalMeterConfig();
    final MemoryUsageStats usageStats = new MemoryUsageStats();
    private final Vertx vertx;
    private final Database database;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private ControlPlane controlPlane;

    ControlPlaneFixture(Vertx vertx) throws IOException {
        this.vertx = vertx;
        this.database = Database.open(new DatabaseConfig("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", "", 4));
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        start();
        controlPlane.bootstrap().runIfFirstStart(new Bootstrap.Settings("master-token-for-gateway-tests",
                ADMIN_TOKEN, "admin", "admin-password", "admin@example.com", null));
    }

    void start() {
        controlPlane = new ControlPlane(database, Clock.systemUTC(), EndpointDefaults.LOCAL, UserSessions.DEFAULT_TTL,
                meterConfig, usageStats);
        controlPlane.start(vertx, new AdminApiServer.Options("127.0.0.1", port,
                AdminApiServer.Options.DEFAULT_MAX_BODY_BYTES, 4)).await();
    }

    void stop() {
        controlPlane.stop().await();
    }

    /** What a gateway is given: {@code http://TOKEN@127.0.0.1:port}. */
    String portalEndpoint() {
        return "http://" + ADMIN_TOKEN + "@127.0.0.1:" + port;
    }

    JsonNode get(String path) {
        return call("GET", path, null, 200);
    }

    JsonNode post(String path, Object body) {
        return call("POST", path, body, 201);
    }

    JsonNode put(String path, Object body) {
        return call("PUT", path, body, 200);
    }

    JsonNode patch(String path, Object body) {
        return call("PATCH", path, body, 200);
    }

    void delete(String path) {
        call("DELETE", path, null, 200);
    }

    private JsonNode call(String method, String path, Object body, int expected) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((":" + ADMIN_TOKEN)
                            .getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A product on {@code host} (production) and {@code stagingHost} (staging) with one rule
     * ({@code GET /}), a backend at {@code /} whose private endpoint is {@code upstream}, a published
     * plan and an application with the user key {@code userKey}; deployed to sandbox (version 1).
     */
    long product(String name, String host, String stagingHost, String upstream, String userKey) {
        long id = post("/admin/api/services.json", Map.of("service", Map.of("name", name))).at("/service/id").asLong();
        long backend = post("/admin/api/backend_apis.json", Map.of("name", name + " backend", "private_endpoint",
                upstream)).at("/backend_api/id").asLong();
        post("/admin/api/services/" + id + "/backend_usages.json", Map.of("backend_api_id", backend, "path", "/"));
        long hits = -1;
        for (JsonNode m : get("/admin/api/services/" + id + "/metrics.json").at("/metrics")) {
            if (m.at("/metric/system_name").asText().equals("hits")) {
                hits = m.at("/metric/id").asLong();
            }
        }
        post("/admin/api/services/" + id + "/proxy/mapping_rules.json", Map.of("mapping_rule", Map.of("http_method", "GET",
                "pattern", "/", "delta", 1, "metric_id", hits)));
        long plan = post("/admin/api/services/" + id + "/application_plans.json", Map.of("application_plan",
                Map.of("name", name + " plan", "state_event", "publish"))).at("/application_plan/id").asLong();
        long developer = post("/admin/api/signup.json", Map.of("org_name", name + " developer", "username",
                "dev" + id, "email", "dev" + id + "@example.com", "password", "secret-pass")).at("/account/id").asLong();
        post("/admin/api/accounts/" + developer + "/applications.json", Map.of("plan_id", plan, "name", name + " app",
                "user_key", userKey));
        // Setting the endpoints deploys sandbox version 1 (with the rule and the backend above).
        patch("/admin/api/services/" + id + "/proxy.json", Map.of("proxy", Map.of("endpoint", "http://" + host
                + ":8080", "sandbox_endpoint", "http://" + stagingHost + ":8090")));
        return id;
    }

    /** Promotes sandbox version {@code version} of the product to production. */
    void promote(long product, int version) {
        post("/admin/api/services/" + product + "/proxy/configs/sandbox/" + version + "/promote.json",
                Map.of("to", "production"));
    }

    /** The latest sandbox version of the product. */
    int latestSandbox(long product) {
        return get("/admin/api/services/" + product + "/proxy/configs/sandbox/latest.json")
                .at("/proxy_config/version").asInt();
    }

    @Override
    public void close() {
        stop();
        database.close();
    }
}
