package io.tollgate.gateway.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An upstream API for tests: records every request it receives (method, URI, headers, body) and
 * answers 200 with a small JSON body, or as {@link #answer} says.
 */
public final class FakeUpstream implements AutoCloseable {
    /** One request as the upstream received it. */
    public record Received(String method, String uri, String path, String query, MultiMap headers, Buffer body,
            String version) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    private final Vertx vertx;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Consumer<HttpServerRequest> answer;
    private final HttpServer server;

    private FakeUpstream(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Starts on a free loopback port. */
    public static FakeUpstream start(Vertx vertx) {
        FakeUpstream[] holder = new FakeUpstream[1];
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
        holder[0] = new FakeUpstream(vertx, server);
        server.requestHandler(holder[0]::handle);
        server.listen().await();
        return holder[0];
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            MultiMap copy = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
            received.add(new Received(request.method().name(), request.uri(), request.path(), request.query(), copy,
                    body, request.version().name()));
            Consumer<HttpServerRequest> a = answer;
            if (a != null) {
                a.accept(request);
            } else {
                request.response().putHeader("Content-Type", "application/json")
                        .end("{\"upstream\":\"ok\",\"path\":\"" + request.path() + "\"}");
            }
        });
    }

    /** Replaces the default answer (the request's body has been read already). */
    public FakeUpstream answer(Consumer<HttpServerRequest> answer) {
        this.answer = answer;
        return this;
    }

    public int port() {
        return server.actualPort();
    }

    /** {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The only request received; fails if there were none or several. */
    public Received only() {
        List<Received> all = received();
        if (all.size() != 1) {
            throw new AssertionError("expected exactly one upstream request, got " + all.size() + ": " + all);
        }
        return all.get(0);
    }

    public void clear() {
        received.clear();
    }

    @Override
    public void close() {
        server.close().await();
    }

    Vertx vertx() {
        return vertx;
    }
}
