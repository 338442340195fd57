package io.tollgate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.meter.config.LocalMeterConfig;
import io.tollgate.server.Bootstrap;
import io.tollgate.server.ControlPlane;
import io.tollgate.server.domain.EndpointDefaults;
import io.tollgate.server.domain.UserSessions;
import io.tollgate.server.http.AdminApiServer;
import io.tollgate.server.meter.NoUsageStats;
import io.tollgate.server.testing.ApiClient;
import io.tollgate.store.Database;
import io.tollgate.store.DatabaseConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A control plane with the gateway API for tests: in-memory H2, a clock the tests move, the default
 * tenant's admin ({@code admin} / {@code admin-password}), and helpers that act as a gateway would:
 * a key pair and CSR, registration, and calls over mTLS with the issued certificate.
 */
final class GatewayPlatform implements AutoCloseable {
    static final String ADMIN_TOKEN = "admin-token-for-gateway-tests";
    static final String MASTER_TOKEN = "master-token-for-gateway-tests";
    static final String SECRET = "installation-secret-for-tests";

    final TestClock clock = new TestClock(Instant.now());
    final Vertx vertx = Vertx.vertx();
    final DatabaseConfig config;
    final Database database;
    final ControlPlane controlPlane;
    final ApiClient admin;
    final ApiClient master;
    final int gatewayApiPort;

    GatewayPlatform(GatewaySettings settings) {
        this(new DatabaseConfig("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 4), settings);
    }

    GatewayPlatform(DatabaseConfig config, GatewaySettings settings) {
        this.config = config;
        this.database = Database.open(config);
        this.controlPlane = new ControlPlane(database, clock, EndpointDefaults.LOCAL, UserSessions.DEFAULT_TTL,
                new LocalMeterConfig(), NoUsageStats.INSTANCE, settings);
        controlPlane.bootstrap().runIfFirstStart(new Bootstrap.Settings(MASTER_TOKEN, ADMIN_TOKEN, "admin",
                "admin-password", "admin@example.com", null));
        int port = controlPlane.start(vertx, new AdminApiServer.Options("127.0.0.1", 0,
                AdminApiServer.Options.DEFAULT_MAX_BODY_BYTES, 4)).await();
        this.gatewayApiPort = controlPlane.startGatewayApi(vertx, "127.0.0.1", 0).await();
        this.admin = new ApiClient("http://127.0.0.1:" + port, ADMIN_TOKEN);
        this.master = new ApiClient("http://127.0.0.1:" + port, MASTER_TOKEN);
    }

    static GatewaySettings settings() {
        return new GatewaySettings(Duration.ofHours(4), Duration.ofDays(30), Duration.ofSeconds(60), SECRET, null,
                java.util.List.of("localhost", "127.0.0.1"));
    }

    /** The default tenant's id. */
    long organization() {
        return admin.get("/admin/api/provider.json").at("/account/id").asLong();
    }

    /** Signs up another tenant and returns a client authenticated as its admin. */
    ApiClient otherTenant(String name) {
        ApiClient.Response signup = master.post("/master/api/providers.json", Map.of("org_name", name,
                "username", name.toLowerCase(java.util.Locale.ROOT), "email", name + "@example.com",
                "password", "secret-pass"));
        assertThat(signup.status()).as(signup.text()).isEqualTo(201);
        return admin.withToken(signup.at("/signup/access_token/value").asText());
    }

    String mintToken(ApiClient tenant, String environment) {
        ApiClient.Response minted = tenant.post("/admin/api/gateway/registration_tokens.json",
                environment == null ? Map.of() : Map.of("environment", environment));
        assertThat(minted.status()).as(minted.text()).isEqualTo(201);
        return minted.at("/registration_token/token").asText();
    }

    ApiClient.Response register(long organization, String token, String name, Key key) {
        return admin.withToken(null).post("/admin/api/gateway/registrations.json", Map.of("organization",
                String.valueOf(organization), "token", token, "name", name, "csr", key.csr(name)));
    }

    /** Registers {@code name} in the default tenant and returns the gateway's credentials. */
    Gateway registerGateway(String name, String environment) {
        Key key = Key.generate();
        ApiClient.Response registered = register(organization(), mintToken(admin, environment), name, key);
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        return new Gateway(registered.at("/registration/gateway_id").asLong(), key,
                parseCertificate(registered.at("/registration/certificate").asText()),
                parseCertificate(registered.at("/registration/ca_bundle").asText()));
    }

    /** A gateway's key pair. */
    record Key(KeyPair pair) {
        static Key generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                return new Key(generator.generateKeyPair());
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        String csr(String name) {
            try {
                return CertificateAuthority.pem(new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + name),
                        pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA")
                                .build(pair.getPrivate())));
            } catch (org.bouncycastle.operator.OperatorCreationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A registered gateway: its id, key, certificate and the CA that signed it. */
    record Gateway(long id, Key key, X509Certificate certificate, X509Certificate ca) {
    }

    static X509Certificate parseCertificate(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) parser.readObject());
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calls the gateway API presenting {@code certificate} and {@code key}, trusting {@code trusted}. */
    HttpResponse<String> mtls(String method, String path, String body, X509Certificate certificate, PrivateKey key,
            X509Certificate trusted) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().sslContext(sslContext(certificate, key, trusted)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + gatewayApiPort + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> mtls(String method, String path, String body, Gateway gateway)
            throws IOException, InterruptedException {
        return mtls(method, path, body, gateway.certificate(), gateway.key().pair().getPrivate(), gateway.ca());
    }

    private static SSLContext sslContext(X509Certificate certificate, PrivateKey key, X509Certificate trusted) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("gateway", key, new char[0], new X509Certificate[] {certificate});
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", trusted);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        controlPlane.stop().await();
        vertx.close().await();
        database.close();
    }

    /** A UTC clock the tests move. */
    static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
