package io.tollgate.gateway.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One fetch of an issuer's JWKS, ready for verification: a verifier per usable key, made once per
 * fetch (never per request), by {@code kid}. Immutable; shared by every event loop (Nimbus verifiers
 * are thread-safe).
 *
 * <p>Only signature keys the gateway accepts are kept: RSA of at least 2048 bits (RS256, RS384, RS512,
 * PS256) and EC on P-256 (ES256) or P-384 (ES384). A key declaring {@code "use":"enc"} or an
 * algorithm outside that list is left out, so a token can never be checked with a key its issuer
 * did not mean for it.
 *
 * @param byKid usable keys by kid (keys without a kid are only in {@code all})
 * @param all every usable key
 * @param discoveredIssuer the {@code issuer} the discovery document states
 * @param fetchedAtMillis when they were fetched (the policy context's clock)
 */
record SigningKeys(Map<String, List<Key>> byKid, List<Key> all, String discoveredIssuer, long fetchedAtMillis) {
    /** The algorithms a token may be signed with: never {@code none}, never HMAC. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384);
    private static final int MIN_RSA_BITS = 2048;

    SigningKeys {
        byKid = Map.copyOf(byKid);
        all = List.copyOf(all);
    }

    /**
     * One usable key.
     *
     * @param kid its id, or null
     * @param algorithm the algorithm the JWK is restricted to, or null for any of its family
     * @param curve the EC curve, or null for RSA
     * @param verifier checks signatures with it
     */
    record Key(String kid, JWSAlgorithm algorithm, Curve curve, JWSVerifier verifier) {
        boolean accepts(JWSAlgorithm alg) {
            if (algorithm != null && !algorithm.equals(alg)) {
                return false;
            }
            if (curve == null) {
                return JWSAlgorithm.Family.RSA.contains(alg);
            }
            return (alg.equals(JWSAlgorithm.ES256) && curve.equals(Curve.P_256))
                    || (alg.equals(JWSAlgorithm.ES384) && curve.equals(Curve.P_384));
        }
    }

    /**
     * @param skipped told why each unusable key was left out (for the log)
     */
    static SigningKeys of(JWKSet set, String discoveredIssuer, long fetchedAtMillis, Consumer<String> skipped) {
        Map<String, List<Key>> byKid = new HashMap<>();
        List<Key> all = new ArrayList<>();
        for (JWK jwk : set.getKeys()) {
            Key key;
            try {
                key = key(jwk);
            } catch (JOSEException e) {
                key = null;
                skipped.accept("kid " + jwk.getKeyID() + ": " + e.getMessage());
            }
            if (key == null) {
                continue;
            }
            all.add(key);
            if (key.kid() != null) {
                byKid.computeIfAbsent(key.kid(), k -> new ArrayList<>()).add(key);
            }
        }
        byKid.replaceAll((k, v) -> List.copyOf(v));
        return new SigningKeys(byKid, all, discoveredIssuer, fetchedAtMillis);
    }

    private static Key key(JWK jwk) throws JOSEException {
        if (KeyUse.ENCRYPTION.equals(jwk.getKeyUse())) {
            return null;
        }
        JWSAlgorithm declared = jwk.getAlgorithm() == null ? null : JWSAlgorithm.parse(jwk.getAlgorithm().getName());
        if (declared != null && !ALGORITHMS.contains(declared)) {
            return null;
        }
        if (jwk instanceof RSAKey rsa) {
            if (rsa.size() < MIN_RSA_BITS) {
                throw new JOSEException("RSA key of " + rsa.size() + " bits (expected: >= " + MIN_RSA_BITS + ")");
            }
            return new Key(jwk.getKeyID(), declared, null, new RSASSAVerifier(rsa.toPublicJWK()));
        }
        if (jwk instanceof ECKey ec && (Curve.P_256.equals(ec.getCurve()) || Curve.P_384.equals(ec.getCurve()))) {
            return new Key(jwk.getKeyID(), declared, ec.getCurve(), new ECDSAVerifier(ec.toPublicJWK()));
        }
        return null;
    }

    /** The keys that may have signed a token with this kid (null: any key) and algorithm. */
    List<Key> candidates(String kid, JWSAlgorithm alg) {
        List<Key> keys = kid == null ? all : byKid.getOrDefault(kid, List.of());
        if (keys.size() == 1) {
            return keys.get(0).accepts(alg) ? keys : List.of();
        }
        List<Key> out = new ArrayList<>(keys.size());
        for (Key k : keys) {
            if (k.accepts(alg)) {
                out.add(k);
            }
        }
        return out;
    }

    /** The kids, for log lines. */
    List<String> kids() {
        List<String> kids = new ArrayList<>();
        for (Key k : all) {
            kids.add(k.kid() == null ? "(none)" : k.kid());
        }
        return kids;
    }
}
