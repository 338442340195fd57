package io.tollgate.server.gateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Protects the CA's private key at rest with the installation secret ({@code TOLLGATE_SECRET_KEY}):
 * AES-256-GCM under a key derived from the secret with PBKDF2-HMAC-SHA256 and a random salt. The
 * stored form carries its parameters: {@code v1$<iterations>$<salt>$<iv>$<ciphertext>} (Base64).
 * GCM authenticates, so a wrong secret is detected, never decrypted into garbage.
 */
final class KeySealing {
    static final String NONE = "none";
    static final String AES_GCM = "aes-256-gcm";
    private static final int ITERATIONS = 210_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeySealing() {
    }

    static String seal(String plaintext, String secret) {
        byte[] salt = random(16);
        byte[] iv = random(12);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(secret, salt, ITERATIONS), new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder b64 = Base64.getEncoder();
            return "v1$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(iv) + "$"
                    + b64.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java runtime", e);
        }
    }

    /** @throws WrongSecretException when {@code secret} is not the one the key was sealed with */
    static String open(String sealed, String secret) {
        String[] parts = sealed.split("\\$");
        if (parts.length != 5 || !parts[0].equals("v1")) {
            throw new IllegalStateException("the stored CA key is not in a known sealed form");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(secret, b64.decode(parts[2]), Integer.parseInt(parts[1])),
                    new GCMParameterSpec(128, b64.decode(parts[3])));
            return new String(cipher.doFinal(b64.decode(parts[4])), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new WrongSecretException();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt the CA key: " + e.getMessage(), e);
        }
    }

    /** The secret given does not open the sealed key. */
    static final class WrongSecretException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        WrongSecretException() {
            super("the gateway CA's key cannot be decrypted with this TOLLGATE_SECRET_KEY"
                    + " (it was encrypted with another one)");
        }
    }

    private static SecretKeySpec key(String secret, byte[] salt, int iterations) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, 256);
        byte[] raw = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        return new SecretKeySpec(raw, "AES");
    }

    private static byte[] random(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return buffer;
    }
}
