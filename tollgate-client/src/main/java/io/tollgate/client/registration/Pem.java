package io.tollgate.client.registration;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM certificates and PKCS#8 keys with the JDK alone, so that any module can load a registration. */
public final class Pem {
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private Pem() {
    }

    /** Every certificate in {@code pem}, in order; at least one. */
    public static List<X509Certificate> certificates(String pem) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("no PEM certificate found");
        }
        try {
            List<X509Certificate> result = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                result.add((X509Certificate) c);
            }
            return result;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("invalid PEM certificate: " + e.getMessage(), e);
        }
    }

    /** An unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY}), EC or RSA. */
    public static PrivateKey privateKey(String pem) {
        Matcher m = pem == null ? null : PRIVATE_KEY.matcher(pem);
        if (m == null || !m.find()) {
            throw new IllegalArgumentException("no PKCS#8 private key (BEGIN PRIVATE KEY) found");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(1).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid private key encoding", e);
        }
        for (String algorithm : List.of("EC", "RSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("private key is neither an EC nor an RSA PKCS#8 key");
    }

    /** {@code der} as a PEM block of {@code type} ({@code CERTIFICATE}, {@code PRIVATE KEY} …). */
    public static String encode(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
