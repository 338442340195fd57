package io.tollgate.gateway.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tollgate.gateway.image.ImageHolder;
import io.tollgate.gateway.loader.ClientIdentity;
import io.tollgate.gateway.metrics.GatewayMetrics;
import io.tollgate.gateway.testing.LogCapture;
import io.tollgate.gateway.testing.TestCertificates;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports of a registered gateway: over mTLS with its certificate, the traffic since the last
 * report that got through (a failed one keeps its counts), and none at all with an expired
 * certificate — one log line, no connection (SPEC G6: in local mode only this fails).
 */
class ControlPlaneReporterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Vertx vertx;
    private TestCertificates certificates;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private ImageHolder images;
    private GatewayMetrics metrics;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        certificates = TestCertificates.in(dir);
        images = new ImageHolder("production", vertx);
        metrics = new GatewayMetrics(registry, "production", images, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    private ClientIdentity identity(Instant notAfter) throws Exception {
        TestCertificates.Pem client = certificates.server("client");
        return new ClientIdentity(new ClientIdentity.Material("edge-1", 3, "production",
                Files.readString(client.certificate()), Files.readString(client.key()),
                Files.readString(certificates.caBundle()), Instant.now().minusSeconds(3600), notAfter),
                dir.resolve("registration.yaml").toString());
    }

    private ControlPlaneReporter reporter(ClientIdentity identity, int port) {
        return reporter(identity, port, Duration.ofMillis(100));
    }

    private ControlPlaneReporter reporter(ClientIdentity identity, int port, Duration interval) {
        return new ControlPlaneReporter(vertx, identity, "https://127.0.0.1:" + port, interval, "9.9.9",
                List.of(images), List.of(metrics), Clock.systemUTC(), false);
    }

    /** A control plane over mTLS that keeps each report it accepts; the first {@code failing} get a 503. */
    private int controlPlane(List<JsonNode> accepted, int failing) {
        AtomicInteger attempts = new AtomicInteger();
        TestCertificates.Pem server = certificates.server("server");
        HttpServer controlPlane = vertx.createHttpServer(new HttpServerOptions().setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(server.certificate().toString())
                        .setKeyPath(server.key().toString()))
                .setTrustOptions(new PemTrustOptions().addCertPath(certificates.caBundle().toString()))
                .setClientAuth(ClientAuth.REQUIRED))
                .requestHandler(request -> request.body().onSuccess(body -> {
                    boolean presented = request.connection().isSsl() && certificateOf(request) != null;
                    if (attempts.incrementAndGet() <= failing || !presented) {
                        request.response().setStatusCode(503).end("{\"error\":\"down\"}");
                        return;
                    }
                    try {
                        accepted.add(JSON.readTree(body.getBytes()));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                    request.response().end("{}");
                }));
        return controlPlane.listen(0, "127.0.0.1").await().actualPort();
    }

    @Test
    void reportsTheTrafficSinceTheLastReportThatGotThroughOverMutualTls() throws Exception {
        List<JsonNode> accepted = new CopyOnWriteArrayList<>();
        // The first two reports fail: their counts must come with the next one.
        int port = controlPlane(accepted, 2);
        metrics.request(7, 200, 1_000_000, 0, 0);
        metrics.request(7, 404, 1_000_000, 0, 0);
        metrics.request(8, 503, 1_000_000, 0, 0);

        try (LogCapture logs = LogCapture.start();
                ControlPlaneReporter reporter = reporter(identity(Instant.now().plusSeconds(3600)), port).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !accepted.isEmpty());
            JsonNode first = accepted.get(0);
            assertThat(first.path("version").asText()).isEqualTo("9.9.9");
            assertThat(first.at("/configurations/0/environment").asText()).isEqualTo("production");
            assertThat(traffic(first, 7).path("requests").asLong()).isEqualTo(2);
            assertThat(traffic(first, 7).path("status_2xx").asLong()).isEqualTo(1);
            assertThat(traffic(first, 7).path("status_4xx").asLong()).isEqualTo(1);
            assertThat(traffic(first, 8).path("status_5xx").asLong()).isEqualTo(1);
            assertThat(logs.matching("cannot report to the control plane at https://127.0.0.1:" + port))
                    .as("one line when it starts failing").hasSize(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> !logs.matching("reporting to the control plane "
                    + "edge-1 again").isEmpty());

            metrics.request(7, 200, 1_000_000, 0, 0);
            await().atMost(Duration.ofSeconds(5)).until(() -> accepted.stream().anyMatch(r -> traffic(r, 7) != null
                    && r != first));
            JsonNode later = accepted.stream().filter(r -> r != first && traffic(r, 7) != null).findFirst()
                    .orElseThrow();
            assertThat(traffic(later, 7).path("requests").asLong()).as("only what came since").isEqualTo(1);
            assertThat(traffic(later, 8)).as("nothing new for product 8").isNull();
        }
    }

    @Test
    void stoppingSendsALastReportOfWhatWasCountedSince() throws Exception {
        List<JsonNode> accepted = new CopyOnWriteArrayList<>();
        int port = controlPlane(accepted, 0);
        ControlPlaneReporter reporter = reporter(identity(Instant.now().plusSeconds(3600)), port, Duration.ofHours(1))
                .start();
        await().atMost(Duration.ofSeconds(10)).until(() -> accepted.size() == 1);
        metrics.request(9, 201, 1_000_000, 0, 0);

        reporter.close();

        assertThat(accepted).hasSize(2);
        assertThat(traffic(accepted.get(1), 9).path("status_2xx").asLong()).isEqualTo(1);
    }

    @Test
    void anExpiredCertificateReportsNothingAndSaysSoOnce() throws Exception {
        try (ServerSocket controlPlane = new ServerSocket(0);
                LogCapture logs = LogCapture.start()) {
            controlPlane.setSoTimeout(1500);
            try (ControlPlaneReporter reporter = reporter(identity(Instant.now().minusSeconds(5)),
                    controlPlane.getLocalPort()).start()) {
                assertThat(acceptsWithin(controlPlane)).as("no connection with an expired certificate").isFalse();
                assertThat(logs.matching("cannot report to the control plane (heartbeat, usage upload): the "
                        + "registration certificate of gateway edge-1 expired at ")).hasSize(1);
            }
        }
    }

    private static boolean acceptsWithin(ServerSocket socket) {
        try (var accepted = socket.accept()) {
            return accepted != null;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object certificateOf(io.vertx.core.http.HttpServerRequest request) {
        try {
            return request.connection().peerCertificates().get(0);
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private static JsonNode traffic(JsonNode report, long product) {
        for (JsonNode t : report.path("traffic")) {
            if (t.path("service_id").asLong() == product) {
                return t;
            }
        }
        return null;
    }
}
