package io.tollgate.gateway.loader;

import static java.util.Objects.requireNonNull;

import io.tollgate.common.CertificateTimes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registered gateway's identity towards the control plane (docs/registration.md): its client
 * certificate and key, and the CA that signed them and the gateway API's server certificate. The
 * launcher reads it from {@code registration.yaml} and {@link #replace replaces} it when a renewed file
 * appears; whoever talks to the gateway API ({@link PortalClient}, the reporter) takes the current
 * material for each connection and hears of replacements. An expired certificate is refused here,
 * before any connection, with a message saying what to do (SPEC G6).
 */
public final class ClientIdentity {
    private static final Logger LOG = LoggerFactory.getLogger(ClientIdentity.class);

    /**
     * One version of the identity.
     *
     * @param gatewayId the gateway's id in the registry (what products placed on it name)
     * @param notBefore the certificate's validity start
     * @param notAfter the certificate's expiry
     */
    public record Material(String name, long gatewayId, String environment, String certificatePem,
            String privateKeyPem, String caPem, Instant notBefore, Instant notAfter) {
        public Material {
            requireNonNull(name, "name");
            requireNonNull(environment, "environment");
            requireNonNull(certificatePem, "certificatePem");
            requireNonNull(privateKeyPem, "privateKeyPem");
            requireNonNull(caPem, "caPem");
            requireNonNull(notBefore, "notBefore");
            requireNonNull(notAfter, "notAfter");
        }

        /** The same certificate (a re-read of an unchanged file is no renewal). */
        public boolean sameCertificate(Material other) {
            return other != null && certificatePem.equals(other.certificatePem);
        }

        @Override
        public String toString() {
            return "Material[" + name + " (" + gatewayId + "), valid until " + shown(notAfter) + "]";
        }
    }

    private final String file;
    private final List<Consumer<Material>> listeners = new CopyOnWriteArrayList<>();
    private volatile Material current;

    /**
     * @param file where the registration is read from, for messages
     */
    public ClientIdentity(Material initial, String file) {
        this.current = requireNonNull(initial, "initial");
        this.file = requireNonNull(file, "file");
    }

    public Material current() {
        return current;
    }

    /** Where the registration comes from. */
    public String file() {
        return file;
    }

    /** Takes a renewed registration into use: listeners hear of it at once (new connections use it). */
    public void replace(Material renewed) {
        current = requireNonNull(renewed, "renewed");
        listeners.forEach(l -> l.accept(renewed));
    }

    /** Runs {@code listener} with every replacement. */
    public void onReplace(Consumer<Material> listener) {
        listeners.add(requireNonNull(listener, "listener"));
    }

    /**
     * Why the current certificate cannot be used at {@code now}, or null when it can:
     * {@code the registration certificate of gateway edge-1 expired at 2026-12-06 21:00:00 +0000 UTC; renew
     * it (tollgate registration renew) and put the new file at …/registration.yaml}.
     */
    public String unusable(Instant now) {
        Material m = current;
        if (now.isAfter(m.notAfter())) {
            return "the registration certificate of gateway " + m.name() + " expired at " + shown(m.notAfter())
                    + "; renew it (tollgate registration renew) and put the new registration.yaml at " + file;
        }
        if (now.isBefore(m.notBefore())) {
            return "the registration certificate of gateway " + m.name() + " is not valid before "
                    + shown(m.notBefore()) + " (is this machine's clock right?)";
        }
        return null;
    }

    /** TLS options presenting the current certificate and trusting only the registration's CA. */
    public ClientSSLOptions sslOptions() {
        Material m = current;
        return new ClientSSLOptions()
                .setKeyCertOptions(new PemKeyCertOptions().addCertValue(Buffer.buffer(m.certificatePem()))
                        .addKeyValue(Buffer.buffer(m.privateKeyPem())))
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(m.caPem())))
                .setHostnameVerificationAlgorithm("HTTPS")
                .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"));
    }

    /**
     * Options of an HTTP client to the gateway API: TLS 1.2/1.3 presenting the current certificate,
     * trusting only the registration's CA, the server's host name verified. Pair it with {@link #follow}.
     */
    public HttpClientOptions clientOptions() {
        ClientSSLOptions tls = sslOptions();
        return new HttpClientOptions().setSsl(true).setVerifyHost(true).setKeyCertOptions(tls.getKeyCertOptions())
                .setTrustOptions(tls.getTrustOptions())
                .setEnabledSecureTransportProtocols(tls.getEnabledSecureTransportProtocols());
    }

    /**
     * Keeps {@code client} presenting the current certificate: after each renewal its new connections
     * use the new one, then {@code onRenewed} runs; a renewal it cannot use is logged (for {@code what}).
     */
    public void follow(HttpClientAgent client, String what, Runnable onRenewed) {
        onReplace(m -> client.updateSSLOptions(sslOptions(), true).onComplete(r -> {
            if (r.succeeded()) {
                onRenewed.run();
            } else {
                LOG.error("{} cannot use the renewed registration {}: {}", what, file, r.cause().toString());
            }
        }));
    }

    /** {@code 2026-12-06 21:00:00 +0000 UTC}, as {@code tollgate registration inspect} shows it. */
    public static String shown(Instant instant) {
        return CertificateTimes.shown(instant);
    }
}
