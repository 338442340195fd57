package io.tollgate.meter.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.meter.engine.MeterEngine;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/** Starts a {@link MeterServer} on a free port and talks HTTP to it. */
abstract class ApiServerSupport {
    static final String XML = ServiceManagementApi.CONTENT_TYPE;
    /** Credentials every call carries unless the test is about them. */
    static final String AUTH = "service_token=tok&service_id=7";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Vertx vertx;
    private MeterServer server;
    int port;

    /** Serves {@code engine} with the clock fixed at {@link Fixtures#NOW}. */
    void start(MeterEngine engine) throws Exception {
        start(engine, MeterServer.Options.of("127.0.0.1", 0));
    }

    void start(MeterEngine engine, MeterServer.Options options) throws Exception {
        start(engine, options, null);
    }

    void start(MeterEngine engine, MeterServer.Options options, java.util.function.Supplier<String> metrics)
            throws Exception {
        vertx = Vertx.vertx();
        server = new MeterServer(vertx, engine, Clock.fixed(Fixtures.NOW, ZoneOffset.UTC), "1.2.3", options,
                metrics);
        port = server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        return send(request(pathAndQuery, headers).GET().build());
    }

    HttpResponse<String> post(String pathAndQuery, String contentType, String body) throws Exception {
        HttpRequest.Builder b = request(pathAndQuery);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    HttpRequest.Builder request(String pathAndQuery, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A GET over HTTP/2 (cleartext upgrade). */
    HttpResponse<String> getHttp2(String pathAndQuery) throws Exception {
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> response = h2.send(request(pathAndQuery).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        h2.close();
        return response;
    }

    /** A GET sent as raw HTTP/1.1, for request lines HttpClient refuses to build. */
    String rawGet(String pathAndQuery) throws IOException {
        return raw("GET " + pathAndQuery + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    /** Sends raw bytes (what HttpClient refuses to send) and returns the whole response text. */
    String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Asserts an {@code <error>} response: status, content type and the exact body. */
    static void assertError(HttpResponse<String> response, int status, String code, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(XML);
        assertThat(response.body()).isEqualTo(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><error code=\"" + code + "\">" + message + "</error>");
    }
}
