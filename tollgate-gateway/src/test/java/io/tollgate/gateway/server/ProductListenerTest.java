package io.tollgate.gateway.server;

import static io.tollgate.gateway.testing.ProductJson.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.gateway.image.ImageBuilder;
import io.tollgate.gateway.testing.GatewayHarness;
import io.tollgate.gateway.testing.GatewayHarness.Response;
import io.tollgate.gateway.testing.LogCapture;
import io.tollgate.gateway.testing.ProductJson;
import io.tollgate.gateway.testing.TestCertificates;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A product's own listener ({@code proxy.listener}): every request on its port is that product's, whatever
 * the Host, with the same policies, limits and metrics; ports open and close as images change.
 */
class ProductListenerTest {
    @TempDir
    Path dir;
    private GatewayHarness gw;
    private ListenerManager listeners;

    @BeforeEach
    void start() {
        gw = GatewayHarness.start();
        listeners = new ListenerManager(gw.vertx, gw.images, GatewayOptions.builder().accessLog(false).build(),
                gw.metrics, 2).start();
    }

    @AfterEach
    void stop() {
        listeners.close().await();
        gw.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A product with no hosts, no metering, on its own port. */
    private ProductJson onPort(long id, int port) {
        ProductJson p = product(id, "unused.example.com").apiBackend(gw.upstream.url()).chain();
        p.proxy("hosts", ProductJson.JSON.createArrayNode());
        p.proxy("listener", ProductJson.JSON.createObjectNode().put("port", port).put("address", "127.0.0.1"));
        return p;
    }

    private ImageBuilder.Result load(ProductJson... products) {
        ImageBuilder.Result result = gw.load(products);
        listeners.settled().await();
        return result;
    }

    private Response get(int port, String host, String uri) {
        return gw.send(port, HttpMethod.GET, host, uri, Map.of(), null);
    }

    private static boolean refuses(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void everyRequestOnTheListenerPortGoesToItsProductWhateverTheHost() throws IOException {
        int port = freePort();
        load(onPort(7, port), product(8, "pets.example.com").apiBackend(gw.upstream.url()).chain());

        Response any = get(port, "whatever.example.org", "/users?page=2");
        Response other = get(port, "pets.example.com", "/users");

        assertThat(any.status()).isEqualTo(200);
        assertThat(any.body()).isEqualTo("{\"upstream\":\"ok\",\"path\":\"/users\"}");
        assertThat(other.status()).as("Host does not route on a listener port").isEqualTo(200);
        assertThat(gw.upstream.received()).extracting(r -> r.uri()).containsExactly("/users?page=2", "/users");
        assertThat(gw.get("pets.example.com", "/cats").status()).as("the main port still routes by Host")
                .isEqualTo(200);
        assertThat(gw.get("whatever.example.org", "/users").status()).as("the listener product has no host there")
                .isEqualTo(404);
        assertThat(listeners.status()).containsExactly(new ListenerManager.Status(port, "http://127.0.0.1:" + port,
                "product 7 \"Product 7\"", ListenerManager.State.SERVING, null));
        assertThat(gw.registry.scrape()).contains("tollgate_gateway_requests_total{environment=\"production\","
                + "product=\"7\",status=\"200\"} 2.0");
    }

    @Test
    void policiesApplyOnTheListenerPortAndEntryRulesChooseTheRequestsTheyApplyTo() throws IOException {
        int port = freePort();
        ProductJson p = onPort(7, port);
        com.fasterxml.jackson.databind.node.ObjectNode basic = ProductJson.policy("basic_auth",
                "{\"username\":\"user\",\"password\":\"pw\"}");
        basic.putArray("rules").addObject().put("path", "/admin(/.*)?").putArray("methods").add("GET");
        p.chain(basic);
        load(p);
        String good = "Basic " + Base64.getEncoder().encodeToString("user:pw".getBytes());

        assertThat(get(port, "a", "/public").status()).as("no rule matches: no authentication").isEqualTo(200);
        assertThat(gw.send(port, HttpMethod.POST, "a", "/admin", Map.of(), "x").status()).as("method not in the rule")
                .isEqualTo(200);
        Response refused = get(port, "a", "/admin/users");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).startsWith("Basic realm=");
        assertThat(gw.send(port, HttpMethod.GET, "a", "/admin/users", Map.of("Authorization", good), null).status())
                .isEqualTo(200);
        assertThat(gw.upstream.received()).extracting(r -> r.path()).containsExactly("/public", "/admin",
                "/admin/users");
    }

    @Test
    void gatewayLimitsApplyOnListenerPorts() throws IOException {
        listeners.close().await();
        gw.close();
        gw = GatewayHarness.start(GatewayOptions.builder().accessLog(false).maxBodyBytes(10).build());
        listeners = new ListenerManager(gw.vertx, gw.images, GatewayOptions.builder().accessLog(false).maxBodyBytes(10)
                .build(), gw.metrics, 1).start();
        int port = freePort();
        load(onPort(7, port));

        assertThat(gw.send(port, HttpMethod.POST, "a", "/upload", Map.of(), "more than ten bytes").status())
                .isEqualTo(413);
        assertThat(get(port, "a", "/a/../b").status()).isEqualTo(200);
        assertThat(gw.upstream.only().path()).as("the normalized path").isEqualTo("/b");
    }

    @Test
    void aNewImageMovesClosesAndOpensPortsAndTheSwapIsAtomicForAKeptPort() throws IOException {
        int first = freePort();
        int second = freePort();
        load(onPort(7, first), onPort(8, second));
        assertThat(get(first, "a", "/").status()).isEqualTo(200);

        ProductJson replacement = onPort(9, first);
        replacement.proxy("api_backend", gw.upstream.url() + "/v9");
        load(replacement);

        assertThat(get(first, "a", "/users").status()).isEqualTo(200);
        assertThat(gw.upstream.received().getLast().path()).as("the same port, now product 9").isEqualTo("/v9/users");
        await().atMost(Duration.ofSeconds(5)).until(() -> refuses(second));
        assertThat(listeners.status()).extracting(ListenerManager.Status::port).containsExactly(first);

        load();
        await().atMost(Duration.ofSeconds(5)).until(() -> refuses(first));
        assertThat(listeners.status()).isEmpty();
    }

    @Test
    void aRemovedInstanceLetsItsRequestInFlightFinish() throws Exception {
        int port = freePort();
        load(onPort(7, port));
        gw.upstream.answer(request -> gw.vertx.setTimer(700, id -> request.response().end("slow answer")));

        CompletableFuture<Response> inFlight = CompletableFuture.supplyAsync(() -> get(port, "a", "/slow"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !gw.upstream.received().isEmpty());
        load();

        Response r = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("slow answer");
        await().atMost(Duration.ofSeconds(5)).until(() -> refuses(port));
    }

    @Test
    void aPortThatCannotBeBoundIsOneErrorLineAndTheOtherInstancesServe() throws IOException {
        int taken;
        try (ServerSocket occupied = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
                LogCapture log = LogCapture.start()) {
            taken = occupied.getLocalPort();
            int free = freePort();
            load(onPort(7, taken), onPort(8, free));

            assertThat(get(free, "a", "/ok").status()).isEqualTo(200);
            assertThat(log.matching("cannot listen on")).hasSize(1).first().asString().startsWith(
                    "ERROR production cannot listen on http://127.0.0.1:" + taken + " for API instance product 7 "
                            + "\"Product 7\": ").endsWith("; that API instance is not served (the others are)");
            int port = taken;
            ListenerManager.Status failed = listeners.status().stream().filter(l -> l.port() == port).findFirst()
                    .orElseThrow();
            assertThat(listeners.status()).filteredOn(l -> l.port() == free).extracting(ListenerManager.Status::state)
                    .containsExactly(ListenerManager.State.SERVING);
            assertThat(failed.state()).isEqualTo(ListenerManager.State.FAILED);
            assertThat(failed.error()).contains("Address already in use");
        }
        load(onPort(7, taken), onPort(8, freePort()));
        assertThat(get(taken, "a", "/again").status()).as("tried again with the next image").isEqualTo(200);
    }

    @Test
    void aPortClaimedTwiceStaysWithTheLowerProductId() throws IOException {
        int port = freePort();
        ImageBuilder.Result result = load(onPort(9, port), onPort(7, port));

        assertThat(result.rejected()).containsExactly("product 9 \"Product 9\": listener port " + port + " is already "
                + "product 7 \"Product 7\"'s; not served on it");
        assertThat(gw.images.current().onPort(port).config().id()).isEqualTo(7);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "certificate as {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"files", "PEM texts"})
    void anHttpsListenerServesWithItsOwnCertificate(String given) throws IOException {
        TestCertificates certificates = TestCertificates.in(dir);
        TestCertificates.Pem pem = certificates.server("localhost");
        int port = freePort();
        ProductJson p = onPort(7, port);
        var listener = ProductJson.JSON.createObjectNode().put("port", port).put("address", "127.0.0.1")
                .put("scheme", "https");
        if (given.equals("files")) {
            listener.put("certificate", pem.certificate().toString()).put("key", pem.key().toString());
        } else {
            // What the control plane sends for an API instance on a connected gateway.
            listener.put("certificate_pem", java.nio.file.Files.readString(pem.certificate()))
                    .put("key_pem", java.nio.file.Files.readString(pem.key()));
        }
        p.proxy("listener", listener);
        load(p);

        HttpClient https = gw.vertx.createHttpClient(new HttpClientOptions().setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertPath(certificates.caBundle().toString())));
        try {
            int status = https.request(new RequestOptions().setHost("localhost").setPort(port).setURI("/secure"))
                    .compose(r -> r.send()).map(r -> r.statusCode()).await();
            assertThat(status).isEqualTo(200);
        } finally {
            https.close().await();
        }
        assertThat(listeners.status().getFirst().url()).isEqualTo("https://127.0.0.1:" + port);
    }
}
