package io.tollgate.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Random tokens and their digests. Tokens are stored only as SHA-256 digests. */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** A random token of {@code bytes} bytes, hex-encoded (so twice as many characters). */
    public static String randomHex(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return HexFormat.of().formatHex(buffer);
    }

    /** A new access token or key: 256 bits of randomness. */
    public static String newToken() {
        return randomHex(32);
    }

    /**
     * The lookup digest of a high-entropy token. Tokens are random, so an unsalted digest is enough
     * to make a leaked database useless for authenticating, while still allowing an indexed lookup.
     */
    public static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
