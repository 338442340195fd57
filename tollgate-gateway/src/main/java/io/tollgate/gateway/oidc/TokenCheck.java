package io.tollgate.gateway.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;

/**
 * The checks of one signed token against one set of keys, once its signature algorithm was accepted:
 * the signature (by a key of the token's {@code kid} and algorithm; {@code jwk}, {@code jku},
 * {@code x5u} and {@code x5c} headers are ignored, so a token can never bring its own key), then
 * {@code iss}, {@code exp} (required) and {@code nbf} with the allowed clock skew, then the client id.
 * Stateless; shared.
 */
final class TokenCheck {
    /** The clock skew tolerated on {@code exp} and {@code nbf}. */
    static final Duration SKEW = Duration.ofSeconds(60);

    private final String issuer;
    private final ClientIdClaim clientId;
    private final Clock clock;

    TokenCheck(OidcSettings settings, Clock clock) {
        this.issuer = settings.issuer();
        this.clientId = settings.clientId();
        this.clock = clock;
    }

    /** The candidate keys for {@code jwt} in {@code keys} (empty: its kid is unknown). */
    static List<SigningKeys.Key> candidates(SignedJWT jwt, SigningKeys keys) {
        return keys.candidates(jwt.getHeader().getKeyID(), jwt.getHeader().getAlgorithm());
    }

    /** Checks {@code jwt} with {@code candidates} (not empty). */
    Verdict check(SignedJWT jwt, List<SigningKeys.Key> candidates, SigningKeys keys) {
        if (!verified(jwt, candidates)) {
            return new Verdict.Rejected("signature does not verify");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return new Verdict.Rejected("claims are not a JSON object of valid claims");
        }
        String iss = claims.getIssuer();
        if (iss == null || !(issuer.equals(OidcSettings.stripSlash(iss))
                || (keys.discoveredIssuer() != null && keys.discoveredIssuer().equals(iss)))) {
            return new Verdict.Rejected("iss is not the issuer " + issuer);
        }
        long now = clock.millis();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            return new Verdict.Rejected("exp missing");
        }
        if (now >= exp.getTime() + SKEW.toMillis()) {
            return new Verdict.Rejected("expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now < nbf.getTime() - SKEW.toMillis()) {
            return new Verdict.Rejected("not valid yet (nbf)");
        }
        String id = clientId.resolve(claims.getClaims());
        if (id == null) {
            return new Verdict.Rejected("no client id (" + clientId + ")");
        }
        return new Verdict.Verified(id);
    }

    private static boolean verified(SignedJWT jwt, List<SigningKeys.Key> candidates) {
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        for (SigningKeys.Key key : candidates) {
            try {
                if (key.accepts(alg) && jwt.verify(key.verifier())) {
                    return true;
                }
            } catch (JOSEException | IllegalStateException e) {
                // an unusable signature for this key (wrong length, unsupported critical header): try the next
            }
        }
        return false;
    }
}
