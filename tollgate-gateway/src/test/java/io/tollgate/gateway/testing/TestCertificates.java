package io.tollgate.gateway.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made for a test: a CA, and server certificates for {@code localhost} and
 * {@code 127.0.0.1} signed by it or by themselves, written as PEM files.
 */
public final class TestCertificates {
    /** A certificate chain and its key on disk. */
    public record Pem(Path certificate, Path key) {
    }

    private final Path dir;
    private final KeyPair caKeys;
    private final X509Certificate ca;

    private TestCertificates(Path dir) throws Exception {
        this.dir = dir;
        this.caKeys = keys();
        this.ca = sign(new X500Name("CN=Tollgate Test CA"), caKeys, new X500Name("CN=Tollgate Test CA"), caKeys, true);
    }

    public static TestCertificates in(Path dir) {
        try {
            return new TestCertificates(dir);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CA certificate as a PEM file (a trust bundle). */
    public Path caBundle() {
        return write("ca.pem", ca);
    }

    /** A server certificate for localhost/127.0.0.1 signed by the CA. */
    public Pem server(String name) {
        try {
            KeyPair keys = keys();
            X509Certificate cert = sign(new X500Name("CN=localhost"), keys, new X500Name("CN=Tollgate Test CA"), caKeys,
                    false);
            return new Pem(write(name + ".crt", cert), write(name + ".key", keys.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed server certificate for localhost/127.0.0.1 (no CA vouches for it). */
    public Pem selfSigned(String name) {
        try {
            KeyPair keys = keys();
            X509Certificate cert = sign(new X500Name("CN=localhost"), keys, new X500Name("CN=localhost"), keys, false);
            return new Pem(write(name + ".crt", cert), write(name + ".key", keys.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
            boolean isCa) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
                subjectKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (isCa) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    private Path write(String name, Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(object instanceof java.security.PrivateKey key
                    ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null).generate() : object);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            return Files.writeString(dir.resolve(name), text.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
