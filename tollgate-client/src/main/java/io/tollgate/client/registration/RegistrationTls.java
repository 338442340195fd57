package io.tollgate.client.registration;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS material of a registration, for a gateway talking to the control plane's gateway API
 * over mTLS: the client certificate and key as the key material, the registration's CA bundle as
 * the only trust (the gateway API's server certificate is issued by the same CA). Plain JDK types,
 * so a Vert.x client ({@code KeyStoreOptionsBase.setValue}) or the JDK's HTTP client can use them;
 * {@link #certificatePem()}, {@link #privateKeyPem()} and {@link #caBundlePem()} feed Vert.x's
 * {@code PemKeyCertOptions}/{@code PemTrustOptions} directly.
 */
public final class RegistrationTls {
    private static final char[] NO_PASSWORD = new char[0];

    private final Registration registration;
    private final List<X509Certificate> chain;
    private final PrivateKey key;
    private final List<X509Certificate> authorities;

    private RegistrationTls(Registration registration) {
        this.registration = registration;
        this.chain = Pem.certificates(registration.certificate());
        this.key = Pem.privateKey(registration.privateKey());
        this.authorities = Pem.certificates(registration.caBundle());
    }

    /** @throws IllegalArgumentException when a PEM block of the registration cannot be read */
    public static RegistrationTls of(Registration registration) {
        return new RegistrationTls(requireNonNull(registration, "registration"));
    }

    public String certificatePem() {
        return registration.certificate();
    }

    public String privateKeyPem() {
        return registration.privateKey();
    }

    public String caBundlePem() {
        return registration.caBundle();
    }

    /** The client certificate (first of its chain). */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** A key store holding the client key and certificate chain under the alias {@code gateway}, no password. */
    public KeyStore keyStore() {
        try {
            KeyStore store = emptyStore();
            store.setKeyEntry("gateway", key, NO_PASSWORD, chain.toArray(X509Certificate[]::new));
            return store;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the gateway key store: " + e.getMessage(), e);
        }
    }

    /** A trust store holding only the registration's CA certificates. */
    public KeyStore trustStore() {
        try {
            KeyStore store = emptyStore();
            for (int i = 0; i < authorities.size(); i++) {
                store.setCertificateEntry("tollgate-ca-" + i, authorities.get(i));
            }
            return store;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the gateway trust store: " + e.getMessage(), e);
        }
    }

    /** An SSL context presenting the client certificate and trusting only the registration's CA. */
    public SSLContext sslContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore(), NO_PASSWORD);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the gateway TLS context: " + e.getMessage(), e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }
}
