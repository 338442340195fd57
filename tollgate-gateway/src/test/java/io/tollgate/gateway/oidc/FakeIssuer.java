package io.tollgate.gateway.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An OpenID Connect issuer for tests: a Vert.x server on a free loopback port serving
 * {@code /realms/shop/.well-known/openid-configuration} and its JWKS, with keys generated here, and a
 * token factory. Tests rotate the keys, take the JWKS endpoint down or slow it, and read what was
 * requested.
 */
public final class FakeIssuer implements AutoCloseable {
    /** Generating RSA keys is slow: a few are made once and shared by every test. */
    private static final List<RSAKey> RSA_POOL = new ArrayList<>();
    private static int rsaNext;

    private final HttpServer server;
    private final List<MultiMap> requestHeaders = new CopyOnWriteArrayList<>();
    private final AtomicInteger discoveryRequests = new AtomicInteger();
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private volatile List<JWK> published;
    private volatile int jwksStatus = 200;
    private volatile long jwksDelayMillis;
    private volatile String discoveredIssuer;
    private final Vertx vertx;

    /** The key the issuer signs with now. */
    public volatile JWK signingKey;

    private final boolean tls;

    private FakeIssuer(Vertx vertx, boolean tls) {
        this.vertx = vertx;
        this.tls = tls;
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0);
        if (tls) {
            io.vertx.core.net.SelfSignedCertificate cert = io.vertx.core.net.SelfSignedCertificate.create("localhost");
            options.setSsl(true).setKeyCertOptions(cert.keyCertOptions());
        }
        this.server = vertx.createHttpServer(options);
        server.requestHandler(this::handle);
        server.listen().await();
        RSAKey first = rsa("key-1");
        signingKey = first;
        published = List.of(first.toPublicJWK());
    }

    public static FakeIssuer start(Vertx vertx) {
        return new FakeIssuer(vertx, false);
    }

    /** An issuer on https with a self-signed certificate nobody trusts. */
    public static FakeIssuer startUntrustedTls(Vertx vertx) {
        return new FakeIssuer(vertx, true);
    }

    /** A fresh RSA-2048 key with this kid (from a small pool of generated ones). */
    public static synchronized RSAKey rsa(String kid) {
        try {
            if (RSA_POOL.size() < 4) {
                RSA_POOL.add(new RSAKeyGenerator(2048).generate());
            }
            RSAKey base = RSA_POOL.get(rsaNext++ % RSA_POOL.size());
            return new RSAKey.Builder(base).keyID(kid).build();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh EC key on {@code curve} with this kid. */
    public static ECKey ec(Curve curve, String kid) {
        try {
            return new ECKeyGenerator(curve).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpServerRequest request) {
        requestHeaders.add(MultiMap.caseInsensitiveMultiMap().addAll(request.headers()));
        if (request.path().equals("/realms/shop" + OidcSettings.DISCOVERY_PATH)) {
            discoveryRequests.incrementAndGet();
            String issuer = discoveredIssuer != null ? discoveredIssuer : issuer();
            request.response().putHeader("Content-Type", "application/json").end("{\"issuer\":\"" + issuer
                    + "\",\"jwks_uri\":\"" + url() + "/realms/shop/certs\",\"id_token_signing_alg_values_supported\":"
                    + "[\"RS256\"]}");
        } else if (request.path().equals("/realms/shop/certs")) {
            jwksRequests.incrementAndGet();
            String body = new JWKSet(published).toString();
            int status = jwksStatus;
            Consumer<Long> answer = id -> {
                if (status != 200) {
                    request.response().setStatusCode(status).end("down");
                } else {
                    request.response().putHeader("Content-Type", "application/json").end(body);
                }
            };
            if (jwksDelayMillis > 0) {
                vertx.setTimer(jwksDelayMillis, answer::accept);
            } else {
                answer.accept(0L);
            }
        } else {
            request.response().setStatusCode(404).end();
        }
    }

    public String url() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + server.actualPort();
    }

    /** The issuer URL, as tokens carry it in {@code iss}. */
    public String issuer() {
        return url() + "/realms/shop";
    }

    /** Publishes exactly these keys (public parts) from now on. */
    public FakeIssuer publish(JWK... keys) {
        List<JWK> pub = new ArrayList<>();
        for (JWK k : keys) {
            pub.add(k.toPublicJWK());
        }
        published = List.copyOf(pub);
        return this;
    }

    /** Rotates: signs with {@code next} and publishes it, keeping the previous key published too when asked. */
    public FakeIssuer rotateTo(JWK next, boolean keepPrevious) {
        JWK previous = signingKey;
        if (keepPrevious) {
            publish(previous, next);
        } else {
            publish(next);
        }
        signingKey = next;
        return this;
    }

    /** The JWKS endpoint answers {@code status} (200 = up). */
    public FakeIssuer jwksStatus(int status) {
        this.jwksStatus = status;
        return this;
    }

    public FakeIssuer jwksDelay(Duration delay) {
        this.jwksDelayMillis = delay.toMillis();
        return this;
    }

    /** The issuer the discovery document names (default: {@link #issuer()}). */
    public FakeIssuer discoveredIssuer(String issuer) {
        this.discoveredIssuer = issuer;
        return this;
    }

    public int discoveryRequests() {
        return discoveryRequests.get();
    }

    public int jwksRequests() {
        return jwksRequests.get();
    }

    /** The headers of every request received. */
    public List<MultiMap> requestHeaders() {
        return List.copyOf(requestHeaders);
    }

    /** Claims of a valid token issued at {@code now} for {@code azp}, expiring in 5 minutes. */
    public JWTClaimsSet.Builder claims(Instant now, String azp) {
        return new JWTClaimsSet.Builder().issuer(issuer()).subject("user-1").audience("account").claim("azp", azp)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
    }

    /** A token signed with the current key (RS256 for RSA, ES256/ES384 for EC). */
    public String token(JWTClaimsSet claims) {
        return sign(signingKey, (JWSAlgorithm) null, claims);
    }

    /** A token signed with {@code key}; {@code alg} null picks the key's default. */
    public static String sign(JWK key, JWSAlgorithm alg, JWTClaimsSet claims) {
        return sign(key, new JWSHeader.Builder(alg != null ? alg : defaultAlg(key)).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
    }

    public static String sign(JWK key, JWSHeader header, JWTClaimsSet claims) {
        try {
            JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa.toPrivateKey(), true)
                    : new ECDSASigner((ECKey) key);
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWSAlgorithm defaultAlg(JWK key) {
        if (key instanceof ECKey ec) {
            return ec.getCurve().equals(Curve.P_384) ? JWSAlgorithm.ES384 : JWSAlgorithm.ES256;
        }
        return JWSAlgorithm.RS256;
    }

    @Override
    public void close() {
        server.close().await();
    }
}
