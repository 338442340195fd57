package io.tollgate.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.gateway.http.PathNormalizer.EscapedSlashes;
import io.tollgate.gateway.server.GatewayOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayEnvironmentTest {
    @TempDir
    Path dir;

    @Test
    void unsetVariablesKeepTheDefaults() {
        GatewayOptions options = GatewayEnvironment.options(Map.of());
        GatewayOptions defaults = GatewayOptions.defaults();

        assertThat(options.maxBodyBytes()).isEqualTo(defaults.maxBodyBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(options.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.escapedSlashes()).isEqualTo(EscapedSlashes.REJECT);
        assertThat(options.accessLog()).isTrue();
        assertThat(options.tlsCertificate()).isNull();
    }

    @Test
    void everyVariableSetsItsField() throws Exception {
        Path cert = Files.writeString(dir.resolve("tls.crt"), "pem");
        Path key = Files.writeString(dir.resolve("tls.key"), "pem");
        Path ca = Files.writeString(dir.resolve("ca.pem"), "pem");
        GatewayOptions o = GatewayEnvironment.options(Map.ofEntries(
                Map.entry("TOLLGATE_GATEWAY_MAX_REQUEST_LINE", "4096"),
                Map.entry("TOLLGATE_GATEWAY_MAX_HEADER_SIZE", "32768"),
                Map.entry("TOLLGATE_GATEWAY_MAX_HEADERS", "50"),
                Map.entry("TOLLGATE_GATEWAY_MAX_BODY_SIZE", "1048576"),
                Map.entry("TOLLGATE_GATEWAY_HEADER_TIMEOUT", "2.5"),
                Map.entry("TOLLGATE_GATEWAY_IDLE_TIMEOUT", "30"),
                Map.entry("TOLLGATE_UPSTREAM_CONNECT_TIMEOUT", "1"),
                Map.entry("TOLLGATE_UPSTREAM_READ_TIMEOUT", "120"),
                Map.entry("TOLLGATE_UPSTREAM_POOL_SIZE", "16"),
                Map.entry("TOLLGATE_HTTP2_MAX_CONCURRENT_STREAMS", "50"),
                Map.entry("TOLLGATE_HTTP2_MAX_RESETS", "100"),
                Map.entry("TOLLGATE_HTTP2_RESET_WINDOW", "10"),
                Map.entry("TOLLGATE_ESCAPED_SLASHES", "decode"),
                Map.entry("TOLLGATE_MERGE_SLASHES", "false"),
                Map.entry("TOLLGATE_TRUSTED_PROXIES", "10.0.0.0/8, 192.168.1.7"),
                Map.entry("TOLLGATE_GATEWAY_TLS_CERT", cert.toString()),
                Map.entry("TOLLGATE_GATEWAY_TLS_KEY", key.toString()),
                Map.entry("TOLLGATE_UPSTREAM_CA_BUNDLE", ca.toString()),
                Map.entry("TOLLGATE_UPSTREAM_INSECURE", "true"),
                Map.entry("TOLLGATE_ACCESS_LOG", "off")));

        assertThat(o.maxRequestLineBytes()).isEqualTo(4096);
        assertThat(o.maxHeaderBytes()).isEqualTo(32768);
        assertThat(o.maxHeaders()).isEqualTo(50);
        assertThat(o.maxBodyBytes()).isEqualTo(1048576);
        assertThat(o.headerTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(o.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.upstreamConnectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.upstreamReadTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(o.upstreamPoolSize()).isEqualTo(16);
        assertThat(o.http2MaxConcurrentStreams()).isEqualTo(50);
        assertThat(o.http2MaxResetsPerWindow()).isEqualTo(100);
        assertThat(o.http2ResetWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.escapedSlashes()).isEqualTo(EscapedSlashes.DECODE);
        assertThat(o.mergeSlashes()).isFalse();
        assertThat(o.trustedProxies().trusts("10.1.2.3")).isTrue();
        assertThat(o.trustedProxies().trusts("192.168.1.7")).isTrue();
        assertThat(o.trustedProxies().trusts("192.168.1.8")).isFalse();
        assertThat(o.tlsCertificate()).isEqualTo(cert);
        assertThat(o.tlsKey()).isEqualTo(key);
        assertThat(o.upstreamCaBundle()).isEqualTo(ca);
        assertThat(o.upstreamTrustAll()).isTrue();
        assertThat(o.accessLog()).isFalse();
    }

    @Test
    void badValuesNameTheVariableAndTheExpectation() {
        assertThatThrownBy(() -> GatewayEnvironment.options(Map.of("TOLLGATE_GATEWAY_MAX_BODY_SIZE", "10MB")))
                .isInstanceOf(UserException.class)
                .hasMessage("TOLLGATE_GATEWAY_MAX_BODY_SIZE: \"10MB\" (expected: a whole number)");
        assertThatThrownBy(() -> GatewayEnvironment.options(Map.of("TOLLGATE_GATEWAY_MAX_HEADERS", "0")))
                .hasMessage("TOLLGATE_GATEWAY_MAX_HEADERS: 0 (expected: 1..10000)");
        assertThatThrownBy(() -> GatewayEnvironment.options(Map.of("TOLLGATE_GATEWAY_HEADER_TIMEOUT", "-1")))
                .hasMessage("TOLLGATE_GATEWAY_HEADER_TIMEOUT: \"-1\" (expected: seconds, > 0, e.g. 10 or 0.5)");
        assertThatThrownBy(() -> GatewayEnvironment.options(Map.of("TOLLGATE_ESCAPED_SLASHES", "ignore")))
                .hasMessage("TOLLGATE_ESCAPED_SLASHES: \"ignore\" (expected: reject, decode or keep)");
        assertThatThrownBy(() -> GatewayEnvironment.options(Map.of("TOLLGATE_TRUSTED_PROXIES", "10.0.0.0/33")))
                .hasMessageStartingWith("TOLLGATE_TRUSTED_PROXIES: \"10.0.0.0/33\"");
        assertThatThrownBy(() -> GatewayEnvironment.options(Map.of("TOLLGATE_GATEWAY_TLS_CERT", "/nonexistent.pem")))
                .hasMessage("TOLLGATE_GATEWAY_TLS_CERT: /nonexistent.pem (expected: a readable file)");
        assertThatThrownBy(() -> GatewayEnvironment.options(Map.of("TOLLGATE_ACCESS_LOG", "maybe")))
                .hasMessage("TOLLGATE_ACCESS_LOG: \"maybe\" (expected: on or off)");
        assertThatThrownBy(() -> GatewayEnvironment.options(Map.of("TOLLGATE_MERGE_SLASHES", "sometimes")))
                .hasMessage("TOLLGATE_MERGE_SLASHES: \"sometimes\" (expected: true or false)");
    }

    @Test
    void aCertificateWithoutKeyIsRefused() throws Exception {
        Path cert = Files.writeString(dir.resolve("tls.crt"), "pem");

        assertThatThrownBy(() -> GatewayEnvironment.options(Map.of("TOLLGATE_GATEWAY_TLS_CERT", cert.toString())))
                .hasMessageContaining("TOLLGATE_GATEWAY_TLS_CERT and TOLLGATE_GATEWAY_TLS_KEY: set both");
    }
}
