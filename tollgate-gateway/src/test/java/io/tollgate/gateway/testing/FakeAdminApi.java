package io.tollgate.gateway.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.config.Hosts;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's proxy configuration endpoints for gateway tests: the paged listing per environment
 * with its host filter, and the change notification long poll, over configurations tests deploy
 * and delete. Records every request; can fail on purpose (a status, invalid JSON, no changes
 * endpoint, a slow answer) and stop and start again on the same port.
 */
public final class FakeAdminApi implements AutoCloseable {
    public static final String TOKEN = "secret-access-token-123";

    /** One request as the fake received it. */
    public record Received(String path, String query, String authorization) {
        public boolean isListing() {
            return path.endsWith(".json") && !path.endsWith("/changes.json");
        }

        public boolean isChanges() {
            return path.endsWith("/changes.json");
        }
    }

    private record Version(long id, long version, ObjectNode content) {
    }

    private final class Env {
        final TreeMap<Long, Version> products = new TreeMap<>();
        long token;
        final List<Promise<Long>> waiting = new ArrayList<>();

        synchronized void changed() {
            token++;
            waiting.forEach(p -> p.tryComplete(token));
            waiting.clear();
        }
    }

    private final Vertx vertx;
    private final Map<String, Env> envs = new ConcurrentHashMap<>(Map.of("production", new Env(),
            "staging", new Env()));
    private final AtomicLong ids = new AtomicLong(1000);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final PemKeyCertOptions tls;
    private volatile int failListing;
    private volatile int failChanges;
    private volatile boolean invalidJson;
    private volatile long listingDelayMillis;
    private volatile HttpServer server;
    private int port;

    private FakeAdminApi(Vertx vertx, PemKeyCertOptions tls) {
        this.vertx = vertx;
        this.tls = tls;
    }

    public static FakeAdminApi start(Vertx vertx) {
        return start(vertx, null);
    }

    /** Over TLS with this certificate when {@code tls} is not null. */
    public static FakeAdminApi start(Vertx vertx, PemKeyCertOptions tls) {
        FakeAdminApi api = new FakeAdminApi(vertx, tls);
        api.listen(0);
        return api;
    }

    /** On {@code port} (a restarted server at the address a gateway already knows). */
    public static FakeAdminApi startOn(Vertx vertx, int port) {
        FakeAdminApi api = new FakeAdminApi(vertx, null);
        api.listen(port);
        return api;
    }

    private void listen(int requestedPort) {
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(requestedPort);
        if (tls != null) {
            options.setSsl(true).setKeyCertOptions(tls);
        }
        server = vertx.createHttpServer(options).requestHandler(this::handle);
        port = server.listen().await().actualPort();
    }

    /** {@code http://TOKEN@127.0.0.1:port} (https with TLS). */
    public String endpoint() {
        return (tls != null ? "https://" : "http://") + TOKEN + "@127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Deploys {@code product} to {@code env} as a new version (a new version id); wakes waiting polls. */
    public FakeAdminApi deploy(String env, ProductJson product) {
        Env e = envs.get(env);
        synchronized (e) {
            ObjectNode content = product.json();
            long id = content.get("id").asLong();
            Version previous = e.products.get(id);
            e.products.put(id, new Version(ids.incrementAndGet(), previous == null ? 1 : previous.version() + 1,
                    content));
        }
        e.changed();
        return this;
    }

    public FakeAdminApi delete(String env, long productId) {
        Env e = envs.get(env);
        synchronized (e) {
            e.products.remove(productId);
        }
        e.changed();
        return this;
    }

    /** Answers the listing with this status (0: normally). */
    public FakeAdminApi failListing(int status) {
        failListing = status;
        return this;
    }

    /** Answers change notifications with this status (0: normally). */
    public FakeAdminApi failChanges(int status) {
        failChanges = status;
        return this;
    }

    public FakeAdminApi invalidJson(boolean on) {
        invalidJson = on;
        return this;
    }

    public FakeAdminApi delayListing(long millis) {
        listingDelayMillis = millis;
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public long listings() {
        return received.stream().filter(Received::isListing).count();
    }

    public void clear() {
        received.clear();
    }

    /** Stops listening (connections are closed): the server is down. */
    public void stop() {
        server.close().await();
    }

    /** Listens again on the same port. */
    public void restart() {
        listen(port);
    }

    private void handle(HttpServerRequest request) {
        received.add(new Received(request.path(), request.query(), request.getHeader("Authorization")));
        String path = request.path();
        String prefix = "/admin/api/account/proxy_configs/";
        if (!path.startsWith(prefix) || !path.endsWith(".json")) {
            request.response().setStatusCode(404).end("{\"status\":\"Not found\"}");
            return;
        }
        String rest = path.substring(prefix.length(), path.length() - ".json".length());
        boolean changes = rest.endsWith("/changes");
        Env env = envs.get(changes ? rest.substring(0, rest.length() - "/changes".length()) : rest);
        if (env == null) {
            request.response().setStatusCode(404).end("{\"status\":\"Not found\"}");
            return;
        }
        if (changes) {
            changes(request, env);
        } else if (listingDelayMillis > 0) {
            vertx.setTimer(listingDelayMillis, id -> listing(request, env));
        } else {
            listing(request, env);
        }
    }

    private void listing(HttpServerRequest request, Env env) {
        if (failListing != 0) {
            request.response().setStatusCode(failListing).end("{\"error\":\"failing on purpose\"}");
            return;
        }
        if (invalidJson) {
            request.response().putHeader("Content-Type", "application/json").end("{\"proxy_configs\":[{\"proxy");
            return;
        }
        int page = Integer.parseInt(param(request, "page", "1"));
        int perPage = Integer.parseInt(param(request, "per_page", "500"));
        String host = request.getParam("host");
        ObjectNode body = ProductJson.JSON.createObjectNode();
        ArrayNode items = body.putArray("proxy_configs");
        synchronized (env) {
            List<Version> selected = env.products.values().stream().filter(v -> host == null
                    || contains(v.content(), Hosts.normalize(host))).toList();
            selected.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(v -> {
                ObjectNode config = items.addObject().putObject("proxy_config");
                config.put("id", v.id()).put("version", v.version()).put("environment", "x");
                config.set("content", v.content());
            });
        }
        request.response().putHeader("Content-Type", "application/json").end(body.toString());
    }

    private static boolean contains(ObjectNode content, String host) {
        for (var h : content.path("proxy").path("hosts")) {
            if (h.asText().equals(host)) {
                return true;
            }
        }
        return false;
    }

    private void changes(HttpServerRequest request, Env env) {
        if (failChanges != 0) {
            request.response().setStatusCode(failChanges).end("{\"error\":\"failing on purpose\"}");
            return;
        }
        String since = request.getParam("since");
        long wait = Long.parseLong(param(request, "wait", "25"));
        Promise<Long> answer = Promise.promise();
        synchronized (env) {
            if (since == null || !since.equals("t" + env.token) || wait == 0) {
                answer.complete(env.token);
            } else {
                env.waiting.add(answer);
                long current = env.token;
                vertx.setTimer(wait * 1000, id -> answer.tryComplete(current));
            }
        }
        answer.future().onSuccess(token -> request.response().putHeader("Content-Type", "application/json")
                .end("{\"token\":\"t" + token + "\",\"changed\":" + !("t" + token).equals(since) + "}"));
    }

    private static String param(HttpServerRequest request, String name, String fallback) {
        String v = request.getParam(name);
        return v == null ? fallback : v;
    }

    @Override
    public void close() {
        server.close().await();
    }
}
