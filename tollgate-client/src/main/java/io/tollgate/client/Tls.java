package io.tollgate.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * How the client trusts HTTPS servers: the JVM's CA certificates, plus those of a PEM file
 * ({@code SSL_CERT_FILE}, as curl and the 3scale toolbox honour it) so a self-signed control plane
 * can be trusted without switching verification off; or, when the user asks for it
 * ({@code -k/--insecure}), any certificate and any host name.
 *
 * @param insecure accept any certificate
 * @param caFile   extra trusted certificates (PEM, one or more), or null
 */
public record Tls(boolean insecure, Path caFile) {
    /** Verified against the JVM's CAs and {@code SSL_CERT_FILE} when that is set and not blank. */
    public static Tls fromEnvironment(boolean insecure) {
        String file = System.getenv("SSL_CERT_FILE");
        return new Tls(insecure, file == null || file.isBlank() ? null : Path.of(file));
    }

    /** The SSL context for these settings; an unreadable {@link #caFile} is a {@link TransportException}. */
    public SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            if (insecure) {
                context.init(null, new TrustManager[] {new TrustingEverything()}, new SecureRandom());
            } else if (caFile != null) {
                context.init(null, trustManagers(caFile), new SecureRandom());
            } else {
                context.init(null, null, null);
            }
            return context;
        } catch (GeneralSecurityException e) {
            throw new TransportException("TLS is unavailable in this Java runtime: " + e.getMessage(), e);
        }
    }

    private static TrustManager[] trustManagers(Path pem) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int n = 0;
        for (X509Certificate ca : defaultIssuers()) {
            store.setCertificateEntry("jvm-" + n++, ca);
        }
        Collection<? extends Certificate> extra;
        try (InputStream in = Files.newInputStream(pem)) {
            extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | java.security.cert.CertificateException e) {
            throw new TransportException("SSL_CERT_FILE " + pem + ": cannot read certificates ("
                    + e.getMessage() + ")", e);
        }
        if (extra.isEmpty()) {
            throw new TransportException("SSL_CERT_FILE " + pem + ": holds no PEM certificate", null);
        }
        for (Certificate certificate : extra) {
            store.setCertificateEntry("ssl-cert-file-" + n++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static X509Certificate[] defaultIssuers() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }

    /**
     * Accepts every server. An {@link X509ExtendedTrustManager}, because the JDK verifies the host
     * name inside such a manager: a plain {@link X509TrustManager} gets wrapped and still checks it.
     */
    private static final class TrustingEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
