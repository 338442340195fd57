package io.tollgate.gateway.server;

import static io.tollgate.gateway.testing.ProductJson.product;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tollgate.gateway.testing.GatewayHarness;
import io.tollgate.gateway.testing.TestCertificates;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * TLS termination with certificates from PEM files (TLS 1.2 and 1.3 only, h2 by ALPN), and upstream
 * TLS verified by default, trusted through a CA bundle, or unchecked only when configured.
 */
class TlsTest {
    private static final String HOST = "secure.example.com";
    @TempDir
    Path dir;
    private GatewayHarness gw;
    private HttpServer secureUpstream;

    @AfterEach
    void stop() {
        if (secureUpstream != null) {
            secureUpstream.close().await();
        }
        if (gw != null) {
            gw.close();
        }
    }

    private TestCertificates certificates() {
        return TestCertificates.in(dir);
    }

    private void startTlsGateway(TestCertificates certs) {
        TestCertificates.Pem pem = certs.server("gateway");
        gw = GatewayHarness.start(GatewayOptions.builder().accessLog(false).headerTimeout(Duration.ofSeconds(1))
                .tls(pem.certificate(), pem.key()).build());
        gw.meter.service(7).plan(70, 7).userKeyApp(700, 7, 70, "k").publish();
        gw.load(product(7, HOST).apiBackend(gw.upstream.url()).rule("GET", "/", "hits"));
    }

    private HttpClientResponse callOverTls(Path caBundle, HttpVersion version) {
        HttpClient client = gw.vertx.createHttpClient(new HttpClientOptions().setSsl(true).setUseAlpn(true)
                .setProtocolVersion(version).setTrustOptions(new PemTrustOptions().addCertPath(caBundle.toString())));
        try {
            return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("localhost").setPort(gw.port())
                    .setURI("/pets?user_key=k"))
                    .compose(r -> r.authority(io.vertx.core.net.HostAndPort.authority(HOST)).send().compose(resp -> resp.body().map(b -> resp))).await();
        } finally {
            client.close();
        }
    }

    @Test
    void httpsRequestsAreTerminatedAndProxiedToAPlainUpstream() {
        TestCertificates certs = certificates();
        startTlsGateway(certs);

        HttpClientResponse response = callOverTls(certs.caBundle(), HttpVersion.HTTP_1_1);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpVersion.HTTP_1_1);
        assertThat(gw.upstream.only().header("X-Forwarded-Proto")).isEqualTo("https");
    }

    @Test
    void h2IsNegotiatedByAlpnAndTheUpstreamGetsHttp11() {
        TestCertificates certs = certificates();
        startTlsGateway(certs);

        HttpClientResponse response = callOverTls(certs.caBundle(), HttpVersion.HTTP_2);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpVersion.HTTP_2);
        assertThat(gw.upstream.only().version()).isEqualTo("HTTP_1_1");
        assertThat(gw.upstream.only().header("X-Forwarded-Proto")).isEqualTo("https");
    }

    @Test
    void onlyTls12AndTls13AreAccepted() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        TestCertificates certs = certificates();
        startTlsGateway(certs);

        assertThat(handshake("-tls1_1")).as("TLS 1.1").contains("alert protocol version").contains("Cipher is (NONE)");
        assertThat(handshake("-tls1_2")).as("TLS 1.2").contains("New, TLSv1.2, Cipher is");
        assertThat(handshake("-tls1_3")).as("TLS 1.3").contains("New, TLSv1.3, Cipher is");
    }

    private String handshake(String protocol) throws Exception {
        Process p = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + gw.port(), protocol, "-cipher",
                "DEFAULT:@SECLEVEL=0", "-servername", "localhost").redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aSlowHeadOverTlsGets408() throws Exception {
        TestCertificates certs = certificates();
        startTlsGateway(certs);
        assertThat(firstLineOverTls(certs, "GET / HTTP/1.1\r\nHost: " + HOST + "\r\n"))
                .isEqualTo("HTTP/1.1 408 Request Timeout");
    }

    @Test
    void framingIsCheckedOverTlsToo() throws Exception {
        TestCertificates certs = certificates();
        startTlsGateway(certs);
        assertThat(firstLineOverTls(certs, "POST /?user_key=k HTTP/1.1\r\nHost: " + HOST
                + "\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"))
                .isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(gw.upstream.received()).isEmpty();
    }

    private String firstLineOverTls(TestCertificates certs, String payload) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (var in = Files.newInputStream(certs.caBundle())) {
            ks.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        tmf.init(ks);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", gw.port())) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            socket.getOutputStream().write(payload.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    private String startSecureUpstream(TestCertificates.Pem pem) {
        secureUpstream = gw.vertx.createHttpServer(new HttpServerOptions().setSsl(true).setHost("127.0.0.1").setPort(0)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(pem.certificate().toString())
                        .setKeyPath(pem.key().toString())))
                .requestHandler(r -> r.response().end("secure"));
        secureUpstream.listen().await();
        return "https://localhost:" + secureUpstream.actualPort();
    }

    private void startPlainGateway(GatewayOptions options, String upstreamUrl) {
        gw = GatewayHarness.start(options);
        gw.meter.service(7).plan(70, 7).userKeyApp(700, 7, 70, "k").publish();
        gw.load(product(7, HOST).apiBackend(upstreamUrl).rule("GET", "/", "hits"));
    }

    @Test
    void anUpstreamWithAnUntrustedCertificateIs502WithAClearLogLine() {
        TestCertificates certs = certificates();
        startPlainGateway(GatewayOptions.builder().accessLog(false).build(), "https://localhost:1");
        String url = startSecureUpstream(certs.selfSigned("upstream"));
        gw.load(product(7, HOST).apiBackend(url).rule("GET", "/", "hits"));
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger("io.tollgate.gateway.upstream.ResponseRelay");
        logger.addAppender(log);
        try {
            assertThat(gw.get(HOST, "/?user_key=k").status()).isEqualTo(502);
        } finally {
            logger.detachAppender(log);
        }
        assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                .contains("upstream " + url).contains("failed (connect error)")
                .containsAnyOf("PKIX", "certificate", "unable to find valid certification path"));
    }

    @Test
    void anUpstreamSignedByTheConfiguredCaBundleIsTrusted() {
        TestCertificates certs = certificates();
        startPlainGateway(GatewayOptions.builder().accessLog(false).upstreamCaBundle(certs.caBundle()).build(),
                "https://localhost:1");
        String url = startSecureUpstream(certs.server("upstream"));
        gw.load(product(7, HOST).apiBackend(url).rule("GET", "/", "hits"));

        GatewayHarness.Response r = gw.get(HOST, "/?user_key=k");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("secure");
    }

    @Test
    void anUntrustedUpstreamIsAcceptedOnlyWithTrustAll() {
        TestCertificates certs = certificates();
        startPlainGateway(GatewayOptions.builder().accessLog(false).upstreamTrustAll(true).build(), "https://localhost:1");
        String url = startSecureUpstream(certs.selfSigned("upstream"));
        gw.load(product(7, HOST).apiBackend(url).rule("GET", "/", "hits"));

        assertThat(gw.get(HOST, "/?user_key=k").body()).isEqualTo("secure");
    }
}
