package io.tollgate.gateway.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.gateway.config.ProductConfig.ClaimType;
import io.tollgate.gateway.config.ProductConfig.CredentialsLocation;
import io.tollgate.gateway.config.ProductConfig.CredentialsSettings;
import io.tollgate.gateway.testing.TestClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token checks of reliability.md C9, against a real issuer on loopback, without the gateway. */
class OidcAuthenticatorTest {
    // A short minimum refresh interval; a fetch timeout generous enough for a loaded CI machine's cold
    // JVM (no test here waits for it to expire).
    private static final JwksCaching FAST = new JwksCaching(Duration.ofMinutes(5), Duration.ofHours(24),
            Duration.ofMillis(300), Duration.ofSeconds(15), 64 * 1024);

    private final TestClock clock = new TestClock(Instant.parse("2026-06-10T10:15:30Z"));
    private Vertx vertx;
    private FakeIssuer idp;
    private Issuers issuers;
    private final List<OidcAuthenticator> opened = new ArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        idp = FakeIssuer.start(vertx);
        issuers = new Issuers(vertx, FAST);
    }

    @AfterEach
    void stop() {
        opened.forEach(OidcAuthenticator::close);
        // Vert.x first: closing the issuer's server first would wait for the client's keep-alive connections.
        vertx.close().await();
        idp.close();
    }

    private OidcAuthenticator authenticator(String claim, ClaimType type) {
        CredentialsSettings credentials = new CredentialsSettings(CredentialsLocation.AUTHORIZATION, "user_key",
                "app_id", "app_key", idp.issuer(), claim, type);
        OidcAuthenticator a = new OidcAuthenticator(issuers, OidcSettings.of(credentials), clock);
        opened.add(a);
        return a;
    }

    private OidcAuthenticator authenticator() {
        return authenticator(null, ClaimType.PLAIN);
    }

    private Verdict check(OidcAuthenticator a, String token) {
        return a.authenticate(token).await();
    }

    private JWTClaimsSet.Builder claims() {
        return idp.claims(clock.instant(), "shop-app");
    }

    private static void assertRejected(Verdict verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
    }

    @Test
    void acceptsAValidTokenAndTakesTheClientIdFromAzp() {
        assertThat(check(authenticator(), idp.token(claims().build()))).isEqualTo(new Verdict.Verified("shop-app"));
    }

    @Test
    void acceptsEveryAllowedAlgorithmWithAKeyOfItsFamily() {
        RSAKey rsa = (RSAKey) idp.signingKey;
        ECKey p256 = FakeIssuer.ec(Curve.P_256, "ec-256");
        ECKey p384 = FakeIssuer.ec(Curve.P_384, "ec-384");
        idp.publish(rsa, p256, p384);
        OidcAuthenticator a = authenticator();
        JWTClaimsSet c = claims().build();

        for (JWSAlgorithm alg : List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256)) {
            assertThat(check(a, FakeIssuer.sign(rsa, alg, c))).as(alg.getName()).isInstanceOf(Verdict.Verified.class);
        }
        assertThat(check(a, FakeIssuer.sign(p256, JWSAlgorithm.ES256, c))).isInstanceOf(Verdict.Verified.class);
        assertThat(check(a, FakeIssuer.sign(p384, JWSAlgorithm.ES384, c))).isInstanceOf(Verdict.Verified.class);
    }

    @Test
    void refusesAlgorithmsOutsideTheList() {
        RSAKey rsa = (RSAKey) idp.signingKey;
        OidcAuthenticator a = authenticator();

        assertRejected(check(a, FakeIssuer.sign(rsa, JWSAlgorithm.PS512, claims().build())));
        assertThat(((Verdict.Rejected) check(a, FakeIssuer.sign(rsa, JWSAlgorithm.PS384, claims().build()))).reason())
                .contains("PS384");
    }

    @Test
    void refusesAlgNoneInAnySpelling() {
        OidcAuthenticator a = authenticator();
        String payload = Base64URL.encode(claims().build().toString()).toString();
        for (String alg : List.of("none", "None", "NONE", "nOnE")) {
            String header = Base64URL.encode("{\"alg\":\"" + alg + "\",\"kid\":\"key-1\",\"typ\":\"JWT\"}").toString();
            assertRejected(check(a, header + "." + payload + "."));
            // A signature stolen from a valid token does not help either.
            String valid = idp.token(claims().build());
            assertRejected(check(a, header + "." + payload + "." + valid.substring(valid.lastIndexOf('.') + 1)));
        }
    }

    @Test
    void refusesHs256SignedWithTheRsaPublicKey() throws Exception {
        RSAKey rsa = (RSAKey) idp.signingKey;
        OidcAuthenticator a = authenticator();
        assertThat(check(a, idp.token(claims().build()))).isInstanceOf(Verdict.Verified.class);

        for (byte[] secret : List.of(rsa.toPublicKey().getEncoded(),
                rsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8))) {
            for (JWSAlgorithm hs : List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(hs).keyID("key-1").build(), claims().build());
                jwt.sign(new MACSigner(secret));
                assertRejected(check(a, jwt.serialize()));
            }
        }
    }

    @Test
    void neverUsesAKeyTheTokenBringsOrPointsTo() {
        RSAKey attacker = FakeIssuer.rsa("key-1");
        FakeIssuer evil = FakeIssuer.start(vertx);
        try {
            OidcAuthenticator a = authenticator();
            assertThat(check(a, idp.token(claims().build()))).isInstanceOf(Verdict.Verified.class);

            JWSHeader embedded = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("key-1").jwk(attacker.toPublicJWK())
                    .build();
            JWSHeader pointed = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("evil")
                    .jwkURL(URI.create(evil.url() + "/realms/shop/certs")).x509CertURL(URI.create(evil.url() + "/x5u"))
                    .build();

            assertRejected(check(a, FakeIssuer.sign(attacker, embedded, claims().build())));
            assertRejected(check(a, FakeIssuer.sign(attacker, pointed, claims().build())));
            assertThat(evil.requestHeaders()).isEmpty();
        } finally {
            evil.close();
        }
    }

    @Test
    void kidInjectionIsAnUnknownKidAndTriggersAtMostOneRateLimitedFetch() {
        OidcAuthenticator a = authenticator();
        assertThat(check(a, idp.token(claims().build()))).isInstanceOf(Verdict.Verified.class);
        int fetched = idp.jwksRequests();

        List<Future<Verdict>> verdicts = new ArrayList<>();
        for (String kid : List.of("../../../../dev/null", "' OR '1'='1", "key-1\u0000", "key-1 ", "x".repeat(4000),
                "%00key-1", "KEY-1")) {
            String token = FakeIssuer.sign(idp.signingKey,
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims().build());
            verdicts.add(a.authenticate(token));
        }
        for (int i = 0; i < 30; i++) {
            verdicts.add(a.authenticate(FakeIssuer.sign(idp.signingKey,
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(UUID.randomUUID().toString()).build(),
                    claims().build())));
        }

        for (Future<Verdict> v : verdicts) {
            assertThat(v.await()).isEqualTo(new Verdict.Rejected("unknown kid"));
        }
        assertThat(idp.jwksRequests() - fetched).isBetween(1, 2);
    }

    @Test
    void expiryAndNotBeforeAllowSixtySecondsOfSkew() {
        OidcAuthenticator a = authenticator();
        Instant now = clock.instant();

        assertThat(check(a, idp.token(claims().expirationTime(Date.from(now.minusSeconds(59))).build())))
                .isInstanceOf(Verdict.Verified.class);
        assertThat(check(a, idp.token(claims().expirationTime(Date.from(now.minusSeconds(61))).build())))
                .isEqualTo(new Verdict.Rejected("expired"));
        assertThat(check(a, idp.token(claims().notBeforeTime(Date.from(now.plusSeconds(59))).build())))
                .isInstanceOf(Verdict.Verified.class);
        assertThat(check(a, idp.token(claims().notBeforeTime(Date.from(now.plusSeconds(61))).build())))
                .isEqualTo(new Verdict.Rejected("not valid yet (nbf)"));
        assertThat(check(a, idp.token(claims().expirationTime(null).build())))
                .isEqualTo(new Verdict.Rejected("exp missing"));
    }

    @Test
    void aTokenExpiresWhenTheClockMovesOn() {
        OidcAuthenticator a = authenticator();
        String token = idp.token(claims().build());
        assertThat(check(a, token)).isInstanceOf(Verdict.Verified.class);

        clock.advance(Duration.ofSeconds(300 + 61));

        assertThat(check(a, token)).isEqualTo(new Verdict.Rejected("expired"));
    }

    @Test
    void issMustBeTheIssuer() {
        OidcAuthenticator a = authenticator();

        assertRejected(check(a, idp.token(claims().issuer("https://evil.example.com/realms/shop").build())));
        assertRejected(check(a, idp.token(claims().issuer(idp.issuer() + "x").build())));
        assertRejected(check(a, idp.token(claims().issuer(null).build())));
        assertThat(check(a, idp.token(claims().issuer(idp.issuer() + "/").build())))
                .isInstanceOf(Verdict.Verified.class);
    }

    @Test
    void theIssuerTheDiscoveryDocumentNamesIsAcceptedToo() {
        idp.discoveredIssuer("https://idp.example.com/realms/shop");
        OidcAuthenticator a = authenticator();

        assertThat(check(a, idp.token(claims().issuer("https://idp.example.com/realms/shop").build())))
                .isInstanceOf(Verdict.Verified.class);
        assertThat(check(a, idp.token(claims().build()))).isInstanceOf(Verdict.Verified.class);
    }

    @Test
    void clientIdFromAudWhenThereIsNoAzp() {
        OidcAuthenticator a = authenticator();

        assertThat(check(a, idp.token(claims().claim("azp", null).audience(List.of("first-app", "second")).build())))
                .isEqualTo(new Verdict.Verified("first-app"));
        assertThat(check(a, idp.token(claims().claim("azp", null).audience("only-app").build())))
                .isEqualTo(new Verdict.Verified("only-app"));
        assertThat(check(a, idp.token(claims().claim("azp", null).audience((String) null).build())))
                .isEqualTo(new Verdict.Rejected("no client id (azp, else aud)"));
    }

    @Test
    void clientIdFromTheConfiguredClaimPlainOrLiquid() {
        JWTClaimsSet c = claims().claim("client_id", "custom-app")
                .claim("ctx", java.util.Map.of("tenant", "acme", "apps", List.of("nested-app"))).build();

        assertThat(check(authenticator("client_id", ClaimType.PLAIN), idp.token(c)))
                .isEqualTo(new Verdict.Verified("custom-app"));
        assertThat(check(authenticator("{{ ctx.tenant }}-{{ ctx.apps.0 }}", ClaimType.LIQUID), idp.token(c)))
                .isEqualTo(new Verdict.Verified("acme-nested-app"));
        assertRejected(check(authenticator("missing_claim", ClaimType.PLAIN), idp.token(c)));
        assertRejected(check(authenticator("ctx", ClaimType.PLAIN), idp.token(c)));
    }

    @Test
    void oversizedAndMalformedTokensAreRefusedWithoutAFetch() {
        OidcAuthenticator a = authenticator();
        assertThat(check(a, idp.token(claims().build()))).isInstanceOf(Verdict.Verified.class);
        int fetched = idp.jwksRequests();
        String valid = idp.token(claims().build());

        assertThat(check(a, "a".repeat(1024 * 1024)))
                .isEqualTo(new Verdict.Rejected("token longer than 16384 characters"));
        assertThat(check(a, valid + ".".repeat(OidcAuthenticator.MAX_TOKEN_LENGTH))).isInstanceOf(Verdict.Rejected.class);
        for (String bad : List.of("", "abc", "a.b.c", "...", valid.substring(0, valid.length() - 5),
                valid.replace('.', '!'), valid + "." + valid)) {
            assertRejected(check(a, bad));
        }
        assertThat(idp.jwksRequests()).isEqualTo(fetched);
    }

    @Test
    void concurrentFirstRequestsShareOneFetch() {
        idp.jwksDelay(Duration.ofMillis(300));
        OidcAuthenticator a = authenticator();
        OidcAuthenticator sameIssuer = authenticator("azp", ClaimType.PLAIN);
        String token = idp.token(claims().build());

        List<Future<Verdict>> verdicts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            verdicts.add((i % 2 == 0 ? a : sameIssuer).authenticate(token));
        }

        verdicts.forEach(v -> assertThat(v.await()).isEqualTo(new Verdict.Verified("shop-app")));
        assertThat(idp.discoveryRequests()).isEqualTo(1);
        assertThat(idp.jwksRequests()).isEqualTo(1);
    }

    @Test
    void cachedKeysKeepWorkingWhileTheJwksEndpointIsDownUntilTheirTtl() {
        OidcAuthenticator a = authenticator();
        assertThat(check(a, idp.token(claims().build()))).isInstanceOf(Verdict.Verified.class);
        idp.jwksStatus(503);

        clock.advance(Duration.ofMinutes(6)); // past refreshAfter: a background refresh fails
        assertThat(check(a, idp.token(claims().build()))).isInstanceOf(Verdict.Verified.class);
        org.awaitility.Awaitility.await().until(() -> idp.jwksRequests() == 2);
        clock.advance(Duration.ofSeconds(10));
        assertThat(check(a, idp.token(claims().build()))).isInstanceOf(Verdict.Verified.class);
        assertThat(idp.jwksRequests()).as("a failed background refresh is retried after 30 s").isEqualTo(2);
        clock.advance(Duration.ofSeconds(25));
        assertThat(check(a, idp.token(claims().build()))).isInstanceOf(Verdict.Verified.class);
        org.awaitility.Awaitility.await().until(() -> idp.jwksRequests() == 3);
        clock.advance(Duration.ofHours(23));
        assertThat(check(a, idp.token(claims().build()))).isInstanceOf(Verdict.Verified.class);

        clock.advance(Duration.ofHours(1)); // the last good fetch is now more than 24 h old
        assertThat(check(a, idp.token(claims().build()))).isInstanceOf(Verdict.Unavailable.class);

        idp.jwksStatus(200);
        clock.advance(Duration.ofSeconds(1));
        assertThat(check(a, idp.token(claims().build()))).isInstanceOf(Verdict.Verified.class);
    }

    @Test
    void anIssuerDownFromTheStartIsUnavailableNotAuthFailed() {
        idp.jwksStatus(500);
        OidcAuthenticator a = authenticator();
        String token = idp.token(claims().build());

        assertThat(check(a, token)).isInstanceOf(Verdict.Unavailable.class);
        int attempts = idp.jwksRequests();
        assertThat(check(a, token)).isInstanceOf(Verdict.Unavailable.class);
        assertThat(idp.jwksRequests()).as("no new attempt within the minimum interval").isEqualTo(attempts);

        idp.jwksStatus(200);
        clock.advance(Duration.ofSeconds(1));
        assertThat(check(a, token)).isInstanceOf(Verdict.Verified.class);
    }

    @Test
    void aRotatedKeyIsFetchedAndARemovedOneNoLongerVerifies() {
        OidcAuthenticator a = authenticator();
        String old = idp.token(claims().build());
        assertThat(check(a, old)).isInstanceOf(Verdict.Verified.class);

        idp.rotateTo(FakeIssuer.rsa("key-2"), false);

        assertThat(check(a, idp.token(claims().build()))).isInstanceOf(Verdict.Verified.class);
        assertThat(check(a, old)).isEqualTo(new Verdict.Rejected("unknown kid"));
    }

    @Test
    void weakEncryptionAndForeignKeysAreNotUsed() throws Exception {
        RSAKey weak = new RSAKeyGenerator(1024, true).keyID("weak").generate();
        RSAKey enc = new RSAKey.Builder(FakeIssuer.rsa("enc")).keyUse(KeyUse.ENCRYPTION).build();
        RSAKey hsOnly = new RSAKey.Builder(FakeIssuer.rsa("hs")).algorithm(JWSAlgorithm.HS256).build();
        idp.publish(idp.signingKey, weak, enc, hsOnly);
        OidcAuthenticator a = authenticator();

        assertThat(check(a, idp.token(claims().build()))).isInstanceOf(Verdict.Verified.class);
        for (RSAKey unusable : List.of(weak, enc, hsOnly)) {
            assertRejected(check(a, FakeIssuer.sign(unusable, JWSAlgorithm.RS256, claims().build())));
        }
    }

    @Test
    void anHttpsIssuerWhoseCertificateIsNotTrustedIsNeverBelieved() {
        FakeIssuer untrusted = FakeIssuer.startUntrustedTls(vertx);
        try {
            CredentialsSettings credentials = new CredentialsSettings(CredentialsLocation.AUTHORIZATION, "user_key",
                    "app_id", "app_key", untrusted.issuer(), null, ClaimType.PLAIN);
            OidcAuthenticator a = new OidcAuthenticator(issuers, OidcSettings.of(credentials), clock);
            opened.add(a);

            Verdict verdict = check(a, untrusted.token(untrusted.claims(clock.instant(), "shop-app").build()));

            assertThat(verdict).isInstanceOf(Verdict.Unavailable.class);
            assertThat(untrusted.discoveryRequests()).as("the TLS handshake failed before any request").isZero();
        } finally {
            untrusted.close();
        }
    }

    @Test
    void theLastProductClosingDropsTheIssuer() {
        OidcAuthenticator a = authenticator();
        OidcAuthenticator b = authenticator();
        assertThat(issuers.size()).isEqualTo(1);

        a.close();
        a.close();
        assertThat(issuers.size()).isEqualTo(1);
        b.close();
        assertThat(issuers.size()).isZero();
    }
}
