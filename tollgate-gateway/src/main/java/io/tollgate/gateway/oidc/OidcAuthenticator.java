package io.tollgate.gateway.oidc;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jwt.SignedJWT;
import io.tollgate.gateway.config.ConfigException;
import io.tollgate.gateway.config.ProductConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Checks the access tokens of one oidc product (backend_version {@code oidc}): a JWT signed by the
 * product's issuer with RS256, RS384, RS512, PS256, ES256 or ES384 ({@code none} and HMAC are refused
 * before any key is looked at), verified against the issuer's JWKS, with {@code iss}, {@code exp} and
 * {@code nbf} checked; its client id becomes the request's {@code app_id}.
 *
 * <p>Made once per configuration (by the {@code apicast} policy's factory), which starts fetching the
 * issuer's keys. With keys at hand a token is checked at once, on the caller's thread; a token whose
 * {@code kid} is not among them waits for one (rate-limited, shared) refetch, so a key rotation costs
 * no valid request; the first tokens after a load wait for the first fetch. Thread-safe.
 */
public final class OidcAuthenticator implements AutoCloseable {
    /** Longer tokens are refused without being parsed. */
    public static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private final Issuers issuers;
    private final Issuer issuer;
    private final TokenCheck check;
    private final AtomicBoolean closed = new AtomicBoolean();

    OidcAuthenticator(Issuers issuers, OidcSettings settings, Clock clock) {
        this.issuers = requireNonNull(issuers, "issuers");
        this.issuer = issuers.acquire(settings.discoveryUrl(), clock);
        this.check = new TokenCheck(settings, clock);
        issuer.prefetch();
    }

    /**
     * The authenticator of {@code product}, sharing {@code vertx}'s issuers.
     *
     * @throws ConfigException naming the field when the product's OIDC settings are invalid
     */
    public static OidcAuthenticator create(ProductConfig product, Vertx vertx, Clock clock) {
        return new OidcAuthenticator(Issuers.of(vertx), OidcSettings.of(product.credentials()), clock);
    }

    /** Checks {@code token}; the future completes on any thread (at once when the keys are at hand). */
    public Future<Verdict> authenticate(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            return rejected("token longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        SignedJWT jwt;
        try {
            // Refuses alg "none" and JWE: their headers are not JWS headers.
            jwt = SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            return rejected("not a signed JWT");
        }
        if (!SigningKeys.ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
            return rejected("algorithm " + jwt.getHeader().getAlgorithm() + " not accepted");
        }
        SigningKeys keys = issuer.current();
        if (keys == null) {
            if (issuer.recentlyFailed()) {
                return Future.succeededFuture(new Verdict.Unavailable("issuer keys unavailable"));
            }
            return issuer.newerThan(null).map(fresh -> withKeys(jwt, fresh))
                    .otherwise(e -> new Verdict.Unavailable("issuer keys unavailable"));
        }
        List<SigningKeys.Key> candidates = TokenCheck.candidates(jwt, keys);
        if (!candidates.isEmpty()) {
            return Future.succeededFuture(check.check(jwt, candidates, keys));
        }
        // An unknown kid: the issuer may have rotated its keys. One shared, rate-limited refetch decides.
        return issuer.newerThan(keys).map(fresh -> withKeys(jwt, fresh)).otherwise(e -> {
            SigningKeys still = issuer.current();
            return still == null ? new Verdict.Unavailable("issuer keys unavailable")
                    : new Verdict.Rejected("unknown kid");
        });
    }

    private Verdict withKeys(SignedJWT jwt, SigningKeys keys) {
        List<SigningKeys.Key> candidates = TokenCheck.candidates(jwt, keys);
        return candidates.isEmpty() ? new Verdict.Rejected("unknown kid") : check.check(jwt, candidates, keys);
    }

    private static Future<Verdict> rejected(String reason) {
        return Future.succeededFuture(new Verdict.Rejected(reason));
    }

    /** Stops using the issuer (its keys go when no product uses it any more). Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            issuers.release(issuer);
        }
    }
}
