package io.tollgate.server.gateway;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * The installation's private CA for gateways (BouncyCastle): issues client certificates from the
 * gateways' CSRs, and the server certificate of the gateway API listener. EC P-256 keys, SHA-256
 * signatures. A client certificate names its gateway in a SAN URI
 * {@value GatewayIdentity#URI_PREFIX}{@code <id>}, carries the clientAuth EKU only and is valid from
 * five minutes before issue (clock skew between hosts) for the configured lifetime.
 *
 * <p>Blocking CPU work (signing): call it from a worker thread.
 */
public final class CertificateAuthority {
    private static final Duration CA_LIFETIME = Duration.ofDays(3650);
    private static final Duration SERVER_LIFETIME = Duration.ofDays(365);
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey key;
    private final Clock clock;

    CertificateAuthority(X509Certificate certificate, PrivateKey key, Clock clock) {
        this.certificate = certificate;
        this.key = key;
        this.clock = clock;
    }

    /** A new CA with a fresh key pair, valid ten years. */
    static CertificateAuthority create(Clock clock) {
        KeyPair pair = newKeyPair();
        Instant now = clock.instant();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Tollgate")
                .addRDN(BCStyle.CN, "Tollgate gateway CA " + new BigInteger(32, RANDOM).toString(16)).build();
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(SKEW)), Date.from(now.plus(CA_LIFETIME)), name, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(pair.getPublic()));
            return new CertificateAuthority(sign(builder, pair.getPrivate()), pair.getPrivate(), clock);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot create the gateway CA: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA certificate as PEM: the bundle gateways trust. */
    public String certificatePem() {
        return pem(certificate);
    }

    String privateKeyPem() {
        return pem(new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", key.getEncoded()));
    }

    /**
     * A client certificate for gateway {@code gatewayId} ({@code name} of {@code organization} in
     * {@code environment}) over the public key of {@code csr}, valid for {@code lifetime}.
     */
    public X509Certificate issueClient(CertificateRequest csr, long gatewayId, String name, String organization,
            String environment, Duration lifetime) {
        Instant now = clock.instant();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, organization)
                .addRDN(BCStyle.OU, environment).addRDN(BCStyle.CN, name).build();
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(now.minus(SKEW)), Date.from(now.plus(lifetime)), subject, csr.publicKey())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                            new GeneralName(GeneralName.uniformResourceIdentifier, GatewayIdentity.uri(gatewayId))))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(certificate))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(csr.publicKey()));
            return sign(builder, key);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot issue a gateway certificate: " + e.getMessage(), e);
        }
    }

    /**
     * A server certificate and its new key for the gateway API, for {@code hosts} (DNS names and
     * IP addresses), valid one year.
     */
    public ServerCredentials issueServer(List<String> hosts) {
        KeyPair pair = newKeyPair();
        Instant now = clock.instant();
        List<GeneralName> names = new ArrayList<>();
        for (String host : hosts) {
            names.add(isIpAddress(host) ? new GeneralName(GeneralName.iPAddress, host)
                    : new GeneralName(GeneralName.dNSName, host));
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Tollgate")
                .addRDN(BCStyle.CN, hosts.isEmpty() ? "tollgate-gateway-api" : hosts.get(0)).build();
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(now.minus(SKEW)), Date.from(now.plus(SERVER_LIFETIME)), subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(names.toArray(GeneralName[]::new)))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(certificate));
            X509Certificate issued = sign(builder, key);
            return new ServerCredentials(pem(issued) + certificatePem(),
                    pem(new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", pair.getPrivate().getEncoded())));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot issue the gateway API certificate: " + e.getMessage(), e);
        }
    }

    /** A server certificate chain (PEM, leaf first) and its private key (PKCS#8 PEM). */
    public record ServerCredentials(String certificateChainPem, String privateKeyPem) {
        @Override
        public String toString() {
            return "ServerCredentials[privateKey=***]";
        }
    }

    /** A parsed, signature-checked PKCS#10 request with an acceptable key. */
    public record CertificateRequest(PublicKey publicKey) {
        /**
         * @throws IllegalArgumentException saying what is wrong: not PEM, not a CSR, a bad signature
         *     (the sender does not hold the key), or a key that is too weak
         */
        public static CertificateRequest parse(String pem) {
            Object parsed;
            try (PEMParser parser = new PEMParser(new StringReader(pem == null ? "" : pem))) {
                parsed = parser.readObject();
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("not a PEM certificate signing request");
            }
            if (!(parsed instanceof PKCS10CertificationRequest request)) {
                throw new IllegalArgumentException("not a PEM certificate signing request (BEGIN CERTIFICATE REQUEST)");
            }
            try {
                if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder()
                        .build(request.getSubjectPublicKeyInfo()))) {
                    throw new IllegalArgumentException("the request's signature does not match its key");
                }
                PublicKey publicKey = new JcaPKCS10CertificationRequest(request).getPublicKey();
                checkStrength(publicKey);
                return new CertificateRequest(publicKey);
            } catch (OperatorCreationException | PKCSException | GeneralSecurityException e) {
                throw new IllegalArgumentException("the request cannot be verified: " + e.getMessage());
            }
        }

        private static void checkStrength(PublicKey publicKey) {
            if (publicKey instanceof ECPublicKey ec) {
                if (ec.getParams().getCurve().getField().getFieldSize() < 256) {
                    throw new IllegalArgumentException("EC key too small (expected: at least 256 bits)");
                }
            } else if (publicKey instanceof RSAPublicKey rsa) {
                if (rsa.getModulus().bitLength() < 2048) {
                    throw new IllegalArgumentException("RSA key too small (expected: at least 2048 bits)");
                }
            } else {
                throw new IllegalArgumentException("key algorithm " + publicKey.getAlgorithm()
                        + " not supported (expected: EC or RSA)");
            }
        }
    }

    /** Parses a stored CA: its certificate PEM and its PKCS#8 key PEM. */
    static CertificateAuthority parse(String certificatePem, String keyPem, Clock clock) {
        try (PEMParser certs = new PEMParser(new StringReader(certificatePem));
                PEMParser keys = new PEMParser(new StringReader(keyPem))) {
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate((org.bouncycastle.cert.X509CertificateHolder) certs.readObject());
            PrivateKey key = new JcaPEMKeyConverter()
                    .getPrivateKey((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) keys.readObject());
            return new CertificateAuthority(cert, key, clock);
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("the stored gateway CA cannot be read: " + e.getMessage(), e);
        }
    }

    public static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode PEM: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder(SIGNATURE).build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is required by every Java runtime", e);
        }
    }

    /** 127 random bits, positive, as RFC 5280 §4.1.2.2 asks (at most 20 octets, unpredictable). */
    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).setBit(126);
    }

    private static boolean isIpAddress(String host) {
        if (host.contains(":")) {
            return true;
        }
        if (!host.matches("[0-9.]+")) {
            return false;
        }
        try {
            InetAddress.getByName(host);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
