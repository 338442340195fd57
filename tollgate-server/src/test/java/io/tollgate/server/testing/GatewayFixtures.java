package io.tollgate.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Registers gateways through the admin API as {@code tollgate registration create} does (a one-time
 * token, then a CSR), and makes self-signed listener certificates, for tests of API instances.
 */
public final class GatewayFixtures {
    private GatewayFixtures() {
    }

    /** A certificate and its private key as PEM texts. */
    public record Pems(String certificate, String key) {
    }

    /** Registers gateway {@code name} in {@code environment} of the tenant {@code tenant} speaks for; returns its id. */
    public static long register(ApiClient tenant, String name, String environment) {
        ApiClient.Response minted = tenant.post("/admin/api/gateway/registration_tokens.json",
                Map.of("environment", environment));
        assertThat(minted.status()).as(minted.text()).isEqualTo(201);
        String organization = minted.at("/registration_token/organization").asText();
        ApiClient.Response registered = tenant.withToken(null).post("/admin/api/gateway/registrations.json",
                Map.of("organization", organization, "token", minted.at("/registration_token/token").asText(),
                        "name", name, "csr", csr(name, keyPair())));
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        return registered.at("/registration/gateway_id").asLong();
    }

    /** A self-signed EC certificate for {@code host} and its PKCS#8 key. */
    public static Pems selfSigned(String host) {
        KeyPair pair = keyPair();
        Instant now = Instant.now();
        try {
            X500Name subject = new X500Name("CN=" + host);
            var holder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(30))), subject,
                    pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            return new Pems(pem(holder), pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(pair.getPrivate(),
                    null).generate()));
        } catch (OperatorCreationException | org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String csr(String name, KeyPair pair) {
        try {
            return pem(new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + name), pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }
}
