package io.tollgate.gateway.oidc;

import static io.tollgate.gateway.testing.ProductJson.product;
import static io.tollgate.gateway.testing.TestMeter.hitsId;
import static io.tollgate.gateway.testing.TestMeter.limit;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.gateway.image.ImageBuilder;
import io.tollgate.gateway.testing.GatewayHarness;
import io.tollgate.gateway.testing.GatewayHarness.Response;
import io.tollgate.gateway.testing.ProductJson;
import io.tollgate.meter.Period;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OIDC products end to end: gateway listener, real meter, fake issuer, fake upstream. */
class OidcGatewayTest {
    private static final String HOST = "shop.example.com";
    private static final String SECRET = "s3cr3t-pw";

    private GatewayHarness gw;
    private FakeIssuer idp;

    @BeforeEach
    void start() {
        gw = GatewayHarness.start();
        idp = FakeIssuer.start(gw.vertx);
        gw.meter.service(7, "list_orders").backendVersion(7, "oidc")
                .plan(70, 7, limit(hitsId(7), Period.MINUTE, 1000))
                .appIdApp(700, 7, 70, "shop-app")
                .publish();
    }

    @AfterEach
    void stop() {
        gw.close();
        idp.close();
    }

    /** The issuer endpoint as the control plane writes it: with client credentials in it. */
    private String issuerEndpoint() {
        return idp.issuer().replace("http://", "http://shop-client:" + SECRET + "@");
    }

    private ProductJson shop(String location) {
        return product(7, HOST).apiBackend(gw.upstream.url()).backendVersion("oidc")
                .proxy("credentials_location", location).proxy("oidc_issuer_endpoint", issuerEndpoint())
                .rule("GET", "/orders", "list_orders").rule("POST", "/orders", "hits");
    }

    private JWTClaimsSet.Builder claims() {
        return idp.claims(gw.clock.instant(), "shop-app");
    }

    private Response bearer(String token) {
        return gw.send(HttpMethod.GET, HOST, "/orders", Map.of("Authorization", "Bearer " + token), null);
    }

    private void loaded(ProductJson product) {
        ImageBuilder.Result result = gw.load(product);
        assertThat(result.rejected()).isEmpty();
    }

    @Test
    void aValidBearerTokenIsAuthorizedAsItsClientIdAndReachesTheUpstream() {
        loaded(shop("headers"));
        String token = idp.token(claims().build());

        Response r = gw.send(HttpMethod.GET, HOST, "/orders?page=2",
                Map.of("Authorization", "Bearer " + token, "X-3scale-debug", "st-7"), null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-3scale-credentials")).isEqualTo("app_id=shop-app");
        assertThat(r.header("X-3scale-usage")).isEqualTo("usage%5Blist_orders%5D=1");
        assertThat(gw.upstream.only().uri()).isEqualTo("/orders?page=2");
        assertThat(gw.upstream.only().header("Authorization")).isEqualTo("Bearer " + token);
    }

    @Test
    void usageIsMeteredOnTheApplicationWhoseAppIdIsTheClientId() {
        gw.meter.plan(70, 7, limit(hitsId(7), Period.MINUTE, 2)).publish();
        loaded(shop("headers"));
        String token = idp.token(claims().build());

        assertThat(bearer(token).status()).isEqualTo(200);
        assertThat(bearer(token).status()).isEqualTo(200);
        Response third = bearer(token);

        assertThat(third.status()).isEqualTo(429);
        assertThat(third.body()).isEqualTo("Usage limit exceeded");
        assertThat(gw.upstream.received()).hasSize(2);
    }

    @Test
    void noTokenIsAuthMissingEvenOnAnUnmappedPath() {
        loaded(shop("headers"));

        Response r = gw.get(HOST, "/unmapped");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("Authentication parameters missing");
        assertThat(gw.send(HttpMethod.GET, HOST, "/orders", Map.of("Authorization", "Bearer "), null).body())
                .isEqualTo("Authentication parameters missing");
        assertThat(gw.send(HttpMethod.GET, HOST, "/orders", Map.of("Authorization", "Basic YTpi"), null).body())
                .isEqualTo("Authentication parameters missing");
        assertThat(gw.upstream.received()).isEmpty();
    }

    @Test
    void tokensThatDoNotVerifyGetAuthFailedAndNeverReachTheUpstream() throws Exception {
        loaded(shop("headers"));
        Instant now = gw.clock.instant();
        String none = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"key-1\"}") + "."
                + Base64URL.encode(claims().build().toString()) + ".";
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1").build(),
                claims().build());
        hmac.sign(new MACSigner(((RSAKey) idp.signingKey).toPublicKey().getEncoded()));

        List<String> bad = List.of(none, hmac.serialize(),
                idp.token(claims().expirationTime(Date.from(now.minusSeconds(61))).build()),
                idp.token(claims().notBeforeTime(Date.from(now.plusSeconds(120))).build()),
                idp.token(claims().issuer("https://other.example.com/realms/shop").build()),
                FakeIssuer.sign(FakeIssuer.rsa("key-1"), JWSAlgorithm.RS256, claims().build()),
                "not-a-jwt");
        for (String token : bad) {
            Response r = bearer(token);
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.body()).isEqualTo("Authentication failed");
        }
        assertThat(gw.upstream.received()).isEmpty();
    }

    @Test
    void aClientIdTheMeterDoesNotKnowIsAuthFailed() {
        loaded(shop("headers"));

        Response r = bearer(idp.token(idp.claims(gw.clock.instant(), "stranger-app").build()));

        assertThat(r.status()).isEqualTo(403);
        assertThat(gw.upstream.received()).isEmpty();
    }

    @Test
    void theClientIdComesFromTheConfiguredClaim() {
        loaded(shop("headers").proxy("jwt_claim_with_client_id", "{{ client.id }}")
                .proxy("jwt_claim_with_client_id_type", "liquid"));

        assertThat(bearer(idp.token(claims().claim("azp", "stranger-app")
                .claim("client", Map.of("id", "shop-app")).build())).status()).isEqualTo(200);
        assertThat(bearer(idp.token(claims().build())).status()).isEqualTo(403);
    }

    @Test
    void theAccessTokenQueryOrFormParameterCountsWhereCredentialsAreInTheQuery() {
        loaded(shop("query"));
        String token = idp.token(claims().build());

        assertThat(gw.get(HOST, "/orders?access_token=" + token).status()).isEqualTo(200);
        assertThat(gw.send(HttpMethod.POST, HOST, "/orders",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "access_token=" + token + "&x=1").status())
                .isEqualTo(200);
        assertThat(bearer(token).status()).as("Bearer is always accepted").isEqualTo(200);
        assertThat(gw.upstream.received()).hasSize(3);
        assertThat(gw.upstream.received().get(1).body().toString()).isEqualTo("access_token=" + token + "&x=1");
    }

    @Test
    void theAccessTokenHeaderCountsWhereCredentialsAreInHeaders() {
        loaded(shop("headers"));
        String token = idp.token(claims().build());

        assertThat(gw.send(HttpMethod.GET, HOST, "/orders", Map.of("Access-Token", token), null).status())
                .isEqualTo(200);
        assertThat(gw.get(HOST, "/orders?access_token=" + token).status()).isEqualTo(403);
    }

    @Test
    void aOneMegabyteTokenIsRefusedCleanly() {
        loaded(shop("query"));
        String huge = "e" + "A".repeat(1024 * 1024);

        int inHeader = hugeHeaderStatus("Bearer " + huge);
        Response inForm = gw.send(HttpMethod.POST, HOST, "/orders",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "access_token=" + huge.substring(0,
                        1000 * 1000));

        assertThat(inHeader).isEqualTo(431);
        assertThat(inForm.status()).isEqualTo(403);
        assertThat(inForm.body()).isEqualTo("Authentication failed");
        assertThat(gw.upstream.received()).isEmpty();
        assertThat(bearer(idp.token(claims().build())).status()).as("the gateway still serves").isEqualTo(200);
    }

    /** On a connection of its own: the listener closes it after refusing the header block. */
    private int hugeHeaderStatus(String authorization) {
        io.vertx.core.http.HttpClient own = gw.vertx.createHttpClient(
                new io.vertx.core.http.HttpClientOptions().setKeepAlive(false));
        try {
            return own.request(new io.vertx.core.http.RequestOptions().setHost("127.0.0.1").setPort(gw.port())
                    .setURI("/orders").putHeader("Host", HOST).putHeader("Authorization", authorization))
                    .compose(request -> request.send()).map(response -> response.statusCode()).await();
        } finally {
            own.close().await();
        }
    }

    @Test
    void theFirstRequestsAfterALoadWaitForTheKeys() {
        idp.jwksDelay(Duration.ofMillis(300));
        loaded(shop("headers"));

        assertThat(bearer(idp.token(claims().build())).status()).isEqualTo(200);
        assertThat(idp.jwksRequests()).isEqualTo(1);
    }

    @Test
    void keysRotatedMidTrafficCauseNoFalseRefusal() throws Exception {
        loaded(shop("headers"));
        assertThat(bearer(idp.token(claims().build())).status()).isEqualTo(200);
        gw.clock.advance(Duration.ofSeconds(10));

        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<List<Integer>>> statuses = new ArrayList<>();
        try {
            for (int c = 0; c < 4; c++) {
                statuses.add(clients.submit(() -> {
                    List<Integer> seen = new ArrayList<>();
                    for (int i = 0; i < 40; i++) {
                        seen.add(bearer(idp.token(claims().build())).status());
                    }
                    return seen;
                }));
            }
            Thread.sleep(50);
            idp.rotateTo(FakeIssuer.rsa("key-2"), true);
            Thread.sleep(100);
            idp.rotateTo(FakeIssuer.ec(com.nimbusds.jose.jwk.Curve.P_256, "key-3"), true);
            List<Integer> all = new ArrayList<>();
            for (Future<List<Integer>> f : statuses) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(all).hasSize(160).containsOnly(200);
        } finally {
            clients.shutdownNow();
        }
        assertThat(bearer(idp.token(claims().build())).status()).isEqualTo(200);
        assertThat(idp.jwksRequests()).as("fetches are shared and rate-limited").isLessThanOrEqualTo(4);
    }

    @Test
    void cachedKeysServeWhileTheJwksEndpointIsDownUntilTheirTtl() {
        loaded(shop("headers"));
        assertThat(bearer(idp.token(claims().build())).status()).isEqualTo(200);
        idp.jwksStatus(503);

        gw.clock.advance(Duration.ofMinutes(30));
        assertThat(bearer(idp.token(claims().build())).status()).isEqualTo(200);
        gw.clock.advance(Duration.ofHours(23));
        assertThat(bearer(idp.token(claims().build())).status()).isEqualTo(200);

        gw.clock.advance(Duration.ofHours(1));
        Response expired = bearer(idp.token(claims().build()));
        assertThat(expired.status()).isEqualTo(503);
        assertThat(gw.upstream.received()).hasSize(3);
    }

    @Test
    void anOidcProductWithoutAValidIssuerIsRejectedWhenItLoads() {
        ImageBuilder.Result missing = gw.load(shop("headers").proxy("oidc_issuer_endpoint", null));
        ImageBuilder.Result ftp = gw.load(shop("headers").proxy("oidc_issuer_endpoint",
                "ftp://shop-client:" + SECRET + "@idp.example.com/realms/shop"));
        ImageBuilder.Result template = gw.load(shop("headers").proxy("jwt_claim_with_client_id", "{% if x %}")
                .proxy("jwt_claim_with_client_id_type", "liquid"));
        ImageBuilder.Result type = gw.load(shop("headers").proxy("jwt_claim_with_client_id_type", "xml"));

        assertThat(missing.rejected()).containsExactly("product 7 \"Product 7\": oidc_issuer_endpoint: missing"
                + " (expected: the OpenID Connect issuer URL, for backend_version oidc) (not served)");
        assertThat(ftp.rejected()).containsExactly("product 7 \"Product 7\": oidc_issuer_endpoint:"
                + " \"ftp://***@idp.example.com/realms/shop\" (expected: an http or https URL) (not served)");
        assertThat(template.rejected().get(0)).startsWith("product 7 \"Product 7\": jwt_claim_with_client_id: ");
        assertThat(type.rejected().get(0)).contains("jwt_claim_with_client_id_type: \"xml\" (expected: one of plain,"
                + " liquid)");
        assertThat(gw.get(HOST, "/orders").status()).isEqualTo(404);
    }

    @Test
    void theIssuerNeverSeesTheEndpointsCredentials() {
        loaded(shop("headers"));

        assertThat(bearer(idp.token(claims().build())).status()).isEqualTo(200);

        assertThat(idp.requestHeaders()).isNotEmpty().allSatisfy(h -> {
            assertThat(h.get("Authorization")).isNull();
            assertThat(h.toString()).doesNotContain(SECRET);
        });
    }
}
