package io.tollgate.gateway.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** The Vert.x options a gateway listener and its upstream client are built with. */
final class Transport {
    /** Only these; TLS 1.0 and 1.1 are broken and deprecated (RFC 8996). */
    static final Set<String> TLS_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    private Transport() {
    }

    static HttpServerOptions serverOptions(GatewayOptions options) {
        HttpServerOptions server = new HttpServerOptions()
                // The scanner in StrictRequestDecoder enforces both limits first; the codec's are equal.
                .setMaxInitialLineLength(options.maxRequestLineBytes())
                .setMaxHeaderSize(options.maxHeaderBytes())
                // Timeouts are the ConnectionGuard's: Vert.x's idle timer would also cut requests that
                // wait on a slow upstream.
                .setIdleTimeout(0)
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setTcpNoDelay(true)
                .setCompressionSupported(false)
                .setDecompressionSupported(false)
                .setHandle100ContinueAutomatically(false)
                .setHttp2ClearTextEnabled(true)
                .setHttp2RstFloodMaxRstFramePerWindow(options.http2MaxResetsPerWindow())
                .setHttp2RstFloodWindowDuration((int) options.http2ResetWindow().toSeconds())
                .setHttp2RstFloodWindowDurationTimeUnit(TimeUnit.SECONDS)
                .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(options.http2MaxConcurrentStreams())
                        .setMaxHeaderListSize(options.maxHeaderBytes()));
        if (options.tlsCertificate() != null || options.tlsCertificatePem() != null) {
            PemKeyCertOptions keyCert = options.tlsCertificate() != null
                    ? new PemKeyCertOptions().setCertPath(options.tlsCertificate().toString())
                            .setKeyPath(options.tlsKey().toString())
                    : new PemKeyCertOptions().addCertValue(Buffer.buffer(options.tlsCertificatePem()))
                            .addKeyValue(Buffer.buffer(options.tlsKeyPem()));
            server.setSsl(true)
                    .setKeyCertOptions(keyCert)
                    .setUseAlpn(true)
                    .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
                    .setEnabledSecureTransportProtocols(TLS_PROTOCOLS);
        }
        return server;
    }

    static HttpClientOptions clientOptions(GatewayOptions options) {
        HttpClientOptions client = new HttpClientOptions()
                .setKeepAlive(true)
                .setKeepAliveTimeout(30)
                .setConnectTimeout((int) options.upstreamConnectTimeout().toMillis())
                .setMaxHeaderSize(options.maxHeaderBytes())
                .setTcpNoDelay(true)
                .setDecompressionSupported(false)
                .setEnabledSecureTransportProtocols(TLS_PROTOCOLS)
                .setVerifyHost(!options.upstreamTrustAll())
                .setTrustAll(options.upstreamTrustAll());
        if (options.upstreamCaBundle() != null) {
            client.setTrustOptions(new PemTrustOptions().addCertPath(options.upstreamCaBundle().toString()));
        }
        return client;
    }

    static PoolOptions poolOptions(GatewayOptions options) {
        return new PoolOptions().setHttp1MaxSize(options.upstreamPoolSize()).setMaxWaitQueueSize(10_000);
    }
}
