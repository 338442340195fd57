package io.tollgate.client.registration;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A new key pair made where the registration file is written, and the certificate signing request
 * sent to the control plane: the private key never leaves this process except into the 0600 file.
 * EC P-256 keys, signed with SHA-256: small, fast, and accepted by every TLS stack in use.
 *
 * @param privateKeyPem the new private key (PKCS#8 PEM)
 * @param csrPem        the PKCS#10 request for it (PEM), signed with it
 */
public record KeyRequest(String privateKeyPem, String csrPem) {

    /** Generates a key pair and a CSR whose subject is {@code CN=<gatewayName>}. */
    public static KeyRequest generate(String gatewayName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            var subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, gatewayName).build();
            var csr = new JcaPKCS10CertificationRequestBuilder(subject, pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            return new KeyRequest(Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()),
                    Pem.encode("CERTIFICATE REQUEST", csr.getEncoded()));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate an EC P-256 key pair and CSR: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "KeyRequest[privateKey=***]";
    }
}
