package io.tollgate.server.gateway;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How the control plane registers gateways and runs their mTLS API. Every value has an environment
 * variable ({@link #fromEnvironment}); unset or empty keeps the default.
 *
 * @param tokenTtl         how long a registration token is valid ({@value #TOKEN_TTL}, default 4 h)
 * @param certificateTtl   how long an issued client certificate is valid ({@value #CERTIFICATE_TTL},
 *                         default 365 days)
 * @param heartbeatWindow  a gateway not heard from for longer is Disconnected ({@value #HEARTBEAT_WINDOW},
 *                         default 60 s)
 * @param secretKey        the installation secret that encrypts the CA key at rest ({@value #SECRET_KEY}),
 *                         or null to keep it unencrypted in the database
 * @param gatewayApiUrl    the gateway API's URL as gateways reach it ({@value #GATEWAY_API_URL}), or null
 *                         for {@code https://<host the registering client used>:<gateway API port>}
 * @param gatewayApiHosts  the DNS names and IP addresses the gateway API's certificate is valid for
 *                         ({@value #GATEWAY_API_HOSTS}, default {@code localhost,127.0.0.1,::1} plus the
 *                         host of {@code gatewayApiUrl})
 */
public record GatewaySettings(Duration tokenTtl, Duration certificateTtl, Duration heartbeatWindow, String secretKey,
        String gatewayApiUrl, List<String> gatewayApiHosts) {
    public static final String TOKEN_TTL = "TOLLGATE_GATEWAY_TOKEN_TTL";
    public static final String CERTIFICATE_TTL = "TOLLGATE_GATEWAY_CERTIFICATE_TTL";
    public static final String HEARTBEAT_WINDOW = "TOLLGATE_GATEWAY_HEARTBEAT_WINDOW";
    public static final String SECRET_KEY = "TOLLGATE_SECRET_KEY";
    public static final String GATEWAY_API_URL = "TOLLGATE_GATEWAY_API_URL";
    public static final String GATEWAY_API_HOSTS = "TOLLGATE_GATEWAY_API_HOSTS";
    public static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(4);
    public static final Duration DEFAULT_CERTIFICATE_TTL = Duration.ofDays(365);
    public static final Duration DEFAULT_HEARTBEAT_WINDOW = Duration.ofSeconds(60);
    private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1");

    public static final GatewaySettings DEFAULTS = new GatewaySettings(DEFAULT_TOKEN_TTL, DEFAULT_CERTIFICATE_TTL,
            DEFAULT_HEARTBEAT_WINDOW, null, null, LOOPBACK);

    public GatewaySettings {
        requireNonNull(tokenTtl, "tokenTtl");
        requireNonNull(certificateTtl, "certificateTtl");
        requireNonNull(heartbeatWindow, "heartbeatWindow");
        gatewayApiHosts = List.copyOf(gatewayApiHosts);
    }

    /** These settings with another secret (tests). */
    public GatewaySettings withSecretKey(String secret) {
        return new GatewaySettings(tokenTtl, certificateTtl, heartbeatWindow, secret, gatewayApiUrl, gatewayApiHosts);
    }

    /**
     * The settings from the environment.
     *
     * @throws IllegalArgumentException naming the variable and what was expected
     */
    public static GatewaySettings fromEnvironment(Function<String, String> env) {
        String secret = blankToNull(env.apply(SECRET_KEY));
        if (secret != null && secret.length() < 16) {
            throw new IllegalArgumentException(SECRET_KEY + ": too short (expected: at least 16 characters)");
        }
        String url = blankToNull(env.apply(GATEWAY_API_URL));
        List<String> hosts = new ArrayList<>();
        String listed = blankToNull(env.apply(GATEWAY_API_HOSTS));
        if (listed == null) {
            hosts.addAll(LOOPBACK);
        } else {
            for (String host : listed.split(",")) {
                if (!host.isBlank()) {
                    hosts.add(host.trim());
                }
            }
        }
        if (url != null) {
            String host = hostOf(url);
            if (!hosts.contains(host)) {
                hosts.add(host);
            }
        }
        return new GatewaySettings(seconds(env, TOKEN_TTL, DEFAULT_TOKEN_TTL),
                seconds(env, CERTIFICATE_TTL, DEFAULT_CERTIFICATE_TTL),
                seconds(env, HEARTBEAT_WINDOW, DEFAULT_HEARTBEAT_WINDOW), secret, url, hosts);
    }

    private static String hostOf(String url) {
        java.net.URI uri;
        try {
            uri = java.net.URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(GATEWAY_API_URL + ": " + url + " (expected: https://host:port)");
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(GATEWAY_API_URL + ": " + url + " (expected: https://host:port)");
        }
        String host = uri.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    private static Duration seconds(Function<String, String> env, String name, Duration fallback) {
        String value = blankToNull(env.apply(name));
        if (value == null) {
            return fallback;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": " + value.trim() + " (expected: a whole number of seconds > 0)");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "GatewaySettings[tokenTtl=" + tokenTtl + ", certificateTtl=" + certificateTtl + ", heartbeatWindow="
                + heartbeatWindow + ", secretKey=" + (secretKey == null ? "none" : "***") + ", gatewayApiUrl="
                + gatewayApiUrl + ", gatewayApiHosts=" + gatewayApiHosts + "]";
    }
}
