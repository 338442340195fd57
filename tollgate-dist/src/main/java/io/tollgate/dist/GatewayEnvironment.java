package io.tollgate.dist;

import io.tollgate.gateway.http.PathNormalizer.EscapedSlashes;
import io.tollgate.gateway.server.GatewayOptions;
import io.tollgate.gateway.server.TrustedProxies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The gateway listener's settings from environment variables (docs/configuration.md, "Gateway"):
 * each unset variable keeps {@link GatewayOptions}' default, each bad one is a one-line error naming
 * the variable and what it expects.
 */
final class GatewayEnvironment {
    private final Map<String, String> env;

    private GatewayEnvironment(Map<String, String> env) {
        this.env = env;
    }

    static GatewayOptions options(Map<String, String> env) {
        return new GatewayEnvironment(env).build();
    }

    private GatewayOptions build() {
        GatewayOptions.Builder b = GatewayOptions.builder();
        integer("TOLLGATE_GATEWAY_MAX_REQUEST_LINE", 256, Integer.MAX_VALUE, b::maxRequestLineBytes);
        integer("TOLLGATE_GATEWAY_MAX_HEADER_SIZE", 1024, Integer.MAX_VALUE, b::maxHeaderBytes);
        integer("TOLLGATE_GATEWAY_MAX_HEADERS", 1, 10_000, b::maxHeaders);
        String body = value("TOLLGATE_GATEWAY_MAX_BODY_SIZE");
        if (body != null) {
            b.maxBodyBytes(number("TOLLGATE_GATEWAY_MAX_BODY_SIZE", body, 0, Long.MAX_VALUE));
        }
        seconds("TOLLGATE_GATEWAY_HEADER_TIMEOUT", b::headerTimeout);
        seconds("TOLLGATE_GATEWAY_IDLE_TIMEOUT", b::idleTimeout);
        seconds("TOLLGATE_UPSTREAM_CONNECT_TIMEOUT", b::upstreamConnectTimeout);
        seconds("TOLLGATE_UPSTREAM_READ_TIMEOUT", b::upstreamReadTimeout);
        integer("TOLLGATE_UPSTREAM_POOL_SIZE", 1, 10_000, b::upstreamPoolSize);
        integer("TOLLGATE_HTTP2_MAX_CONCURRENT_STREAMS", 1, 10_000, b::http2MaxConcurrentStreams);
        integer("TOLLGATE_HTTP2_MAX_RESETS", 1, 1_000_000, b::http2MaxResetsPerWindow);
        seconds("TOLLGATE_HTTP2_RESET_WINDOW", b::http2ResetWindow);
        String slashes = value("TOLLGATE_ESCAPED_SLASHES");
        if (slashes != null) {
            try {
                b.escapedSlashes(EscapedSlashes.parse(slashes));
            } catch (IllegalArgumentException e) {
                throw new UserException("TOLLGATE_ESCAPED_SLASHES: " + e.getMessage());
            }
        }
        bool("TOLLGATE_MERGE_SLASHES", b::mergeSlashes);
        String trusted = value("TOLLGATE_TRUSTED_PROXIES");
        if (trusted != null) {
            try {
                b.trustedProxies(TrustedProxies.parse(trusted));
            } catch (IllegalArgumentException e) {
                throw new UserException("TOLLGATE_TRUSTED_PROXIES: " + e.getMessage());
            }
        }
        Path cert = file("TOLLGATE_GATEWAY_TLS_CERT");
        Path key = file("TOLLGATE_GATEWAY_TLS_KEY");
        if ((cert == null) != (key == null)) {
            throw new UserException("TOLLGATE_GATEWAY_TLS_CERT and TOLLGATE_GATEWAY_TLS_KEY: set both (PEM certificate"
                    + " chain and private key) or neither");
        }
        b.tls(cert, key);
        b.upstreamCaBundle(file("TOLLGATE_UPSTREAM_CA_BUNDLE"));
        bool("TOLLGATE_UPSTREAM_INSECURE", b::upstreamTrustAll);
        String accessLog = value("TOLLGATE_ACCESS_LOG");
        if (accessLog != null) {
            switch (accessLog.toLowerCase(Locale.ROOT)) {
                case "on", "true", "stdout" -> b.accessLog(true);
                case "off", "false" -> b.accessLog(false);
                default -> throw new UserException("TOLLGATE_ACCESS_LOG: \"" + accessLog + "\" (expected: on or off)");
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UserException("gateway settings: " + e.getMessage());
        }
    }

    private String value(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private void integer(String name, int min, int max, java.util.function.IntConsumer set) {
        String v = value(name);
        if (v != null) {
            set.accept((int) number(name, v, min, max));
        }
    }

    private static long number(String name, String v, long min, long max) {
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UserException(name + ": \"" + v + "\" (expected: a whole number)");
        }
        if (n < min || n > max) {
            throw new UserException(name + ": " + n + " (expected: " + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE
                    ? ">= " + min : min + ".." + max) + ")");
        }
        return n;
    }

    private void seconds(String name, java.util.function.Consumer<Duration> set) {
        String v = value(name);
        if (v == null) {
            return;
        }
        try {
            double s = Double.parseDouble(v);
            if (s > 0 && s <= 86_400) {
                set.accept(Duration.ofMillis(Math.round(s * 1000)));
                return;
            }
        } catch (NumberFormatException e) {
            // the error below
        }
        throw new UserException(name + ": \"" + v + "\" (expected: seconds, > 0, e.g. 10 or 0.5)");
    }

    private void bool(String name, java.util.function.Consumer<Boolean> set) {
        String v = value(name);
        if (v == null) {
            return;
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> set.accept(true);
            case "false", "0", "no", "off" -> set.accept(false);
            default -> throw new UserException(name + ": \"" + v + "\" (expected: true or false)");
        }
    }

    private Path file(String name) {
        String v = value(name);
        if (v == null) {
            return null;
        }
        Path p = Path.of(v);
        if (!Files.isReadable(p)) {
            throw new UserException(name + ": " + v + " (expected: a readable file)");
        }
        return p;
    }
}
