package io.tollgate.server.domain;

import io.tollgate.common.Errors;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Checks the PEM texts of an https listener before they are deployed: {@code certificate} is one or
 * more X.509 certificates (the server's first, then its chain), {@code private_key} is one
 * unencrypted private key (PKCS#8 {@code PRIVATE KEY}, or {@code RSA}/{@code EC PRIVATE KEY}) whose
 * public half is the first certificate's. A gateway that got anything else could not open the port.
 */
final class ListenerTls {
    private ListenerTls() {
    }

    /** Adds to {@code errors} under {@code certificate} and {@code private_key}; both may be null. */
    static void check(String certificatePem, String keyPem, Errors errors) {
        X509Certificate certificate = certificate(certificatePem, errors);
        SubjectPublicKeyInfo keyPublicHalf = key(keyPem, errors);
        if (certificate != null && keyPublicHalf != null && !Arrays.equals(publicKeyBits(
                SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded())), publicKeyBits(keyPublicHalf))) {
            errors.add("private_key", "does not belong to the certificate (expected: the key of its public key)");
        }
    }

    private static X509Certificate certificate(String pem, Errors errors) {
        if (pem == null || pem.isBlank()) {
            errors.add("certificate", "can't be blank (required with scheme https)");
            return null;
        }
        List<X509Certificate> chain = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (!(item instanceof X509CertificateHolder holder)) {
                    errors.add("certificate", "holds something other than certificates (expected: PEM"
                            + " 'BEGIN CERTIFICATE' blocks)");
                    return null;
                }
                chain.add(new JcaX509CertificateConverter().getCertificate(holder));
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            errors.add("certificate", "is not a readable PEM certificate (" + e.getMessage() + ")");
            return null;
        }
        if (chain.isEmpty()) {
            errors.add("certificate", "has no PEM certificate (expected: a 'BEGIN CERTIFICATE' block)");
            return null;
        }
        return chain.get(0);
    }

    private static SubjectPublicKeyInfo key(String pem, Errors errors) {
        if (pem == null || pem.isBlank()) {
            errors.add("private_key", "can't be blank (required with scheme https)");
            return null;
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object item = parser.readObject();
            if (item instanceof PEMKeyPair pair) {
                return pair.getPublicKeyInfo();
            }
            if (item instanceof PrivateKeyInfo info) {
                return publicInfo(info);
            }
            errors.add("private_key", item == null ? "has no PEM private key (expected: a 'BEGIN PRIVATE KEY' block)"
                    : "is not an unencrypted private key (expected: PEM 'PRIVATE KEY', 'RSA PRIVATE KEY' or"
                            + " 'EC PRIVATE KEY')");
            return null;
        } catch (IOException | RuntimeException e) {
            errors.add("private_key", "is not a readable PEM private key (" + e.getMessage() + ")");
            return null;
        }
    }

    /** The public half of a PKCS#8 key, derived through the JCA (PKCS#8 need not carry it). */
    private static SubjectPublicKeyInfo publicInfo(PrivateKeyInfo info) throws IOException {
        PrivateKey key = new JcaPEMKeyConverter().getPrivateKey(info);
        try {
            PublicKey publicKey;
            if (key instanceof RSAPrivateCrtKey rsa) {
                publicKey = KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            } else if (key instanceof ECPrivateKey ec) {
                publicKey = ecPublic(ec);
            } else {
                throw new IOException("unsupported key algorithm " + key.getAlgorithm() + " (expected: RSA or EC)");
            }
            return SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Q = d·G on the key's curve, with BouncyCastle's EC arithmetic. */
    private static PublicKey ecPublic(ECPrivateKey ec) throws GeneralSecurityException {
        ECParameterSpec spec = EC5Util.convertSpec(ec.getParams());
        org.bouncycastle.math.ec.ECPoint q = spec.getG().multiply(ec.getS()).normalize();
        ECPoint point = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, ec.getParams()));
    }

    /** The key itself, without its algorithm parameters (which may be spelled differently). */
    private static byte[] publicKeyBits(SubjectPublicKeyInfo info) {
        return info.getPublicKeyData().getBytes();
    }
}
