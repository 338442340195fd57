package io.tollgate.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake upstream on loopback in the shape of jsonplaceholder's {@code /users}: every request gets
 * {@code [{"id":1,"name":"Leanne Graham","path":"<the request URI>"}]}, and is counted.
 */
final class UsersUpstream implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();

    private UsersUpstream(HttpServer server) {
        this.server = server;
    }

    static UsersUpstream start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        UsersUpstream upstream = new UsersUpstream(server);
        server.createContext("/", exchange -> {
            upstream.hits.incrementAndGet();
            byte[] body = ("[{\"id\":1,\"name\":\"Leanne Graham\",\"path\":\"" + exchange.getRequestURI() + "\"}]")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return upstream;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Requests received so far. */
    int hits() {
        return hits.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
