package io.tollgate.gateway.server;

import io.tollgate.gateway.http.PathNormalizer.EscapedSlashes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a gateway listener serves: limits, timeouts, TLS and trust in forwarding proxies. Defaults are
 * reliability.md's proposed ones; every value is checked when built, and a bad one names itself:
 * {@code "maxBodyBytes: -1 (expected: >= 0)"}.
 */
public final class GatewayOptions {
    private final int maxRequestLineBytes;
    private final int maxHeaderBytes;
    private final int maxHeaders;
    private final long maxBodyBytes;
    private final Duration headerTimeout;
    private final Duration idleTimeout;
    private final Duration upstreamConnectTimeout;
    private final Duration upstreamReadTimeout;
    private final int upstreamPoolSize;
    private final int http2MaxConcurrentStreams;
    private final int http2MaxResetsPerWindow;
    private final Duration http2ResetWindow;
    private final EscapedSlashes escapedSlashes;
    private final boolean mergeSlashes;
    private final TrustedProxies trustedProxies;
    private final Path tlsCertificate;
    private final Path tlsKey;
    private final String tlsCertificatePem;
    private final String tlsKeyPem;
    private final Path upstreamCaBundle;
    private final boolean upstreamTrustAll;
    private final boolean accessLog;

    private GatewayOptions(Builder b) {
        this.maxRequestLineBytes = atLeast("maxRequestLineBytes", b.maxRequestLineBytes, 256);
        this.maxHeaderBytes = atLeast("maxHeaderBytes", b.maxHeaderBytes, 1024);
        this.maxHeaders = atLeast("maxHeaders", b.maxHeaders, 1);
        if (b.maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes: " + b.maxBodyBytes + " (expected: >= 0)");
        }
        this.maxBodyBytes = b.maxBodyBytes;
        this.headerTimeout = positive("headerTimeout", b.headerTimeout);
        this.idleTimeout = positive("idleTimeout", b.idleTimeout);
        this.upstreamConnectTimeout = positive("upstreamConnectTimeout", b.upstreamConnectTimeout);
        this.upstreamReadTimeout = positive("upstreamReadTimeout", b.upstreamReadTimeout);
        this.upstreamPoolSize = atLeast("upstreamPoolSize", b.upstreamPoolSize, 1);
        this.http2MaxConcurrentStreams = atLeast("http2MaxConcurrentStreams", b.http2MaxConcurrentStreams, 1);
        this.http2MaxResetsPerWindow = atLeast("http2MaxResetsPerWindow", b.http2MaxResetsPerWindow, 1);
        this.http2ResetWindow = positive("http2ResetWindow", b.http2ResetWindow);
        if (http2ResetWindow.toSeconds() < 1) {
            throw new IllegalArgumentException("http2ResetWindow: " + http2ResetWindow + " (expected: >= 1s)");
        }
        this.escapedSlashes = Objects.requireNonNull(b.escapedSlashes, "escapedSlashes");
        this.mergeSlashes = b.mergeSlashes;
        this.trustedProxies = Objects.requireNonNull(b.trustedProxies, "trustedProxies");
        if ((b.tlsCertificate == null) != (b.tlsKey == null)) {
            throw new IllegalArgumentException("tlsCertificate/tlsKey: " + b.tlsCertificate + "/" + b.tlsKey
                    + " (expected: both or neither)");
        }
        this.tlsCertificate = b.tlsCertificate;
        this.tlsKey = b.tlsKey;
        if ((b.tlsCertificatePem == null) != (b.tlsKeyPem == null) || (b.tlsCertificatePem != null
                && b.tlsCertificate != null)) {
            throw new IllegalArgumentException("tls: a certificate and key in files or as PEM texts (expected: one pair)");
        }
        this.tlsCertificatePem = b.tlsCertificatePem;
        this.tlsKeyPem = b.tlsKeyPem;
        this.upstreamCaBundle = b.upstreamCaBundle;
        this.upstreamTrustAll = b.upstreamTrustAll;
        this.accessLog = b.accessLog;
    }

    private static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= " + min + ")");
        }
        return value;
    }

    private static Duration positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
        return d;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static GatewayOptions defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxRequestLineBytes = maxRequestLineBytes;
        b.maxHeaderBytes = maxHeaderBytes;
        b.maxHeaders = maxHeaders;
        b.maxBodyBytes = maxBodyBytes;
        b.headerTimeout = headerTimeout;
        b.idleTimeout = idleTimeout;
        b.upstreamConnectTimeout = upstreamConnectTimeout;
        b.upstreamReadTimeout = upstreamReadTimeout;
        b.upstreamPoolSize = upstreamPoolSize;
        b.http2MaxConcurrentStreams = http2MaxConcurrentStreams;
        b.http2MaxResetsPerWindow = http2MaxResetsPerWindow;
        b.http2ResetWindow = http2ResetWindow;
        b.escapedSlashes = escapedSlashes;
        b.mergeSlashes = mergeSlashes;
        b.trustedProxies = trustedProxies;
        b.tlsCertificate = tlsCertificate;
        b.tlsKey = tlsKey;
        b.tlsCertificatePem = tlsCertificatePem;
        b.tlsKeyPem = tlsKeyPem;
        b.upstreamCaBundle = upstreamCaBundle;
        b.upstreamTrustAll = upstreamTrustAll;
        b.accessLog = accessLog;
        return b;
    }

    /** Request line limit (longer → 414). */
    public int maxRequestLineBytes() {
        return maxRequestLineBytes;
    }

    /** Header block limit (larger → 431). */
    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    /** Header count limit (more → 431). */
    public int maxHeaders() {
        return maxHeaders;
    }

    /** Body limit (larger → 413; before the upstream sees a byte when Content-Length is declared). */
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** How long a client may take to send a request's head (→ 408). */
    public Duration headerTimeout() {
        return headerTimeout;
    }

    /** How long an idle keep-alive connection stays open. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Upstream connect timeout (→ 504). */
    public Duration upstreamConnectTimeout() {
        return upstreamConnectTimeout;
    }

    /** Upstream read timeout: no byte for this long (→ 504). */
    public Duration upstreamReadTimeout() {
        return upstreamReadTimeout;
    }

    /** Keep-alive connections per upstream host and event loop. */
    public int upstreamPoolSize() {
        return upstreamPoolSize;
    }

    /** HTTP/2 streams a client may have open at once on one connection (more → RST_STREAM REFUSED_STREAM). */
    public int http2MaxConcurrentStreams() {
        return http2MaxConcurrentStreams;
    }

    /** RST_STREAM frames a client may send per {@link #http2ResetWindow()} (more → GOAWAY ENHANCE_YOUR_CALM). */
    public int http2MaxResetsPerWindow() {
        return http2MaxResetsPerWindow;
    }

    /** The window of {@link #http2MaxResetsPerWindow()} (whole seconds). */
    public Duration http2ResetWindow() {
        return http2ResetWindow;
    }

    /** What to do with {@code %2F} in a path (default: reject with 400). */
    public EscapedSlashes escapedSlashes() {
        return escapedSlashes;
    }

    /** Whether {@code //} in a path counts as {@code /} (default: yes). */
    public boolean mergeSlashes() {
        return mergeSlashes;
    }

    /** The peers whose {@code X-Forwarded-For} is believed (default: none). */
    public TrustedProxies trustedProxies() {
        return trustedProxies;
    }

    /** PEM certificate chain for TLS, or null for plain HTTP (and h2c). */
    public Path tlsCertificate() {
        return tlsCertificate;
    }

    /** PEM private key for TLS, or null. */
    public Path tlsKey() {
        return tlsKey;
    }

    /** The TLS certificate chain as PEM text (instead of a file), or null. */
    public String tlsCertificatePem() {
        return tlsCertificatePem;
    }

    /** Its private key as PEM text, or null. */
    public String tlsKeyPem() {
        return tlsKeyPem;
    }

    /**
     * CA certificates (PEM) that upstream certificates must chain to, instead of the JDK's trust store;
     * null for the JDK's.
     */
    public Path upstreamCaBundle() {
        return upstreamCaBundle;
    }

    /** Whether upstream certificates go unchecked (only when the user says so). */
    public boolean upstreamTrustAll() {
        return upstreamTrustAll;
    }

    /** Whether every request writes an access-log line. */
    public boolean accessLog() {
        return accessLog;
    }

    /** Builds {@link GatewayOptions}; starts from the defaults. */
    public static final class Builder {
        private int maxRequestLineBytes = 8 * 1024;
        private int maxHeaderBytes = 64 * 1024;
        private int maxHeaders = 100;
        private long maxBodyBytes = 10L * 1024 * 1024;
        private Duration headerTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private Duration upstreamConnectTimeout = Duration.ofSeconds(5);
        private Duration upstreamReadTimeout = Duration.ofSeconds(60);
        private int upstreamPoolSize = 64;
        private int http2MaxConcurrentStreams = 100;
        private int http2MaxResetsPerWindow = 200;
        private Duration http2ResetWindow = Duration.ofSeconds(30);
        private EscapedSlashes escapedSlashes = EscapedSlashes.REJECT;
        private boolean mergeSlashes = true;
        private TrustedProxies trustedProxies = TrustedProxies.none();
        private Path tlsCertificate;
        private Path tlsKey;
        private String tlsCertificatePem;
        private String tlsKeyPem;
        private Path upstreamCaBundle;
        private boolean upstreamTrustAll;
        private boolean accessLog = true;

        public Builder maxRequestLineBytes(int v) {
            maxRequestLineBytes = v;
            return this;
        }

        public Builder maxHeaderBytes(int v) {
            maxHeaderBytes = v;
            return this;
        }

        public Builder maxHeaders(int v) {
            maxHeaders = v;
            return this;
        }

        public Builder maxBodyBytes(long v) {
            maxBodyBytes = v;
            return this;
        }

        public Builder headerTimeout(Duration v) {
            headerTimeout = v;
            return this;
        }

        public Builder idleTimeout(Duration v) {
            idleTimeout = v;
            return this;
        }

        public Builder upstreamConnectTimeout(Duration v) {
            upstreamConnectTimeout = v;
            return this;
        }

        public Builder upstreamReadTimeout(Duration v) {
            upstreamReadTimeout = v;
            return this;
        }

        public Builder upstreamPoolSize(int v) {
            upstreamPoolSize = v;
            return this;
        }

        public Builder http2MaxConcurrentStreams(int v) {
            http2MaxConcurrentStreams = v;
            return this;
        }

        public Builder http2MaxResetsPerWindow(int v) {
            http2MaxResetsPerWindow = v;
            return this;
        }

        public Builder http2ResetWindow(Duration v) {
            http2ResetWindow = v;
            return this;
        }

        public Builder escapedSlashes(EscapedSlashes v) {
            escapedSlashes = v;
            return this;
        }

        public Builder mergeSlashes(boolean v) {
            mergeSlashes = v;
            return this;
        }

        public Builder trustedProxies(TrustedProxies v) {
            trustedProxies = v;
            return this;
        }

        public Builder tls(Path certificate, Path key) {
            tlsCertificate = certificate;
            tlsKey = key;
            return this;
        }

        /** TLS with the certificate chain and key given as PEM texts (both, or both null). */
        public Builder tlsPem(String certificate, String key) {
            tlsCertificatePem = certificate;
            tlsKeyPem = key;
            return this;
        }

        public Builder upstreamCaBundle(Path v) {
            upstreamCaBundle = v;
            return this;
        }

        public Builder upstreamTrustAll(boolean v) {
            upstreamTrustAll = v;
            return this;
        }

        public Builder accessLog(boolean v) {
            accessLog = v;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first bad value
         */
        public GatewayOptions build() {
            return new GatewayOptions(this);
        }
    }

    /** For tests and logs: the limits in one line. */
    @Override
    public String toString() {
        return "GatewayOptions[requestLine=" + maxRequestLineBytes + ", headerBytes=" + maxHeaderBytes + ", headers="
                + maxHeaders + ", body=" + maxBodyBytes + ", headerTimeout=" + headerTimeout + ", idle=" + idleTimeout
                + ", connect=" + upstreamConnectTimeout + ", read=" + upstreamReadTimeout + ", h2Streams="
                + http2MaxConcurrentStreams + ", h2Resets=" + http2MaxResetsPerWindow + "/" + http2ResetWindow
                + ", escapedSlashes=" + escapedSlashes + ", tls=" + (tlsCertificate != null || tlsCertificatePem != null) + "]";
    }
}
