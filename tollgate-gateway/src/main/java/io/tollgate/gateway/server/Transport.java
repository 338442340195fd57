package io.tollgate.gateway.server;

import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The Vert.x options a gateway listener and its upstream client are built with. */
final class Transport {
    /** HTTP/2 streams per connection (reliability.md §1). */
    static final int MAX_CONCURRENT_STREAMS = 100;

    private Transport() {
    }

    static HttpServerOptions serverOptions(GatewayOptions options) {
        HttpServerOptions server = new HttpServerOptions()
                .setMaxInitialLineLength(options.maxRequestLineBytes())
                .setMaxHeaderSize(options.maxHeaderBytes())
                .setIdleTimeout((int) options.idleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setTcpNoDelay(true)
                .setCompressionSupported(false)
                .setDecompressionSupported(false)
                .setHandle100ContinueAutomatically(false)
                .setHttp2ClearTextEnabled(true)
                .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                        .setMaxHeaderListSize(options.maxHeaderBytes()));
        if (options.tlsCertificate() != null) {
            server.setSsl(true)
                    .setKeyCertOptions(new PemKeyCertOptions().setCertPath(options.tlsCertificate().toString())
                            .setKeyPath(options.tlsKey().toString()))
                    .setUseAlpn(true)
                    .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
                    .setEnabledSecureTransportProtocols(java.util.Set.of("TLSv1.2", "TLSv1.3"));
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
