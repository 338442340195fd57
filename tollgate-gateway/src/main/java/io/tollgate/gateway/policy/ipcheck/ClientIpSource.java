package io.tollgate.gateway.policy.ipcheck;

import io.tollgate.gateway.net.Cidr;
import io.tollgate.gateway.pipeline.Exchange;

/**
 * Where {@code ip_check} finds the client's address, tried in the configured order until one yields
 * a literal IP address.
 */
enum ClientIpSource {
    /** The gateway's own view: the peer, or what its trusted proxies said ({@code Exchange.clientAddress()}). */
    LAST_CALLER("last_caller"),
    /** {@code X-Real-IP}, as the client (or a proxy) sent it. */
    X_REAL_IP("X-Real-IP"),
    /** {@code X-Forwarded-For}: the first address, or the one written by the outermost trusted proxy (depth). */
    X_FORWARDED_FOR("X-Forwarded-For");

    private final String configName;

    ClientIpSource(String configName) {
        this.configName = configName;
    }

    String configName() {
        return configName;
    }

    static ClientIpSource of(String name) {
        for (ClientIpSource s : values()) {
            if (s.configName.equals(name)) {
                return s;
            }
        }
        return null;
    }

    /**
     * The address this source gives for the request, as bytes, or null when it gives none.
     *
     * @param depth for X-Forwarded-For: 0 takes the first address (APIcast); n takes the n-th from the
     *     right, the one the outermost of n trusted proxies wrote (fewer than n addresses: none)
     */
    byte[] address(Exchange ex, int depth) {
        return switch (this) {
            case LAST_CALLER -> Cidr.literal(ex.clientAddress());
            case X_REAL_IP -> Cidr.literal(stripPort(ex.header("X-Real-IP")));
            case X_FORWARDED_FOR -> forwardedFor(ex.header("X-Forwarded-For"), depth);
        };
    }

    static byte[] forwardedFor(String header, int depth) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String[] hops = header.split(",");
        String hop;
        if (depth == 0) {
            hop = hops[0];
        } else if (hops.length >= depth) {
            hop = hops[hops.length - depth];
        } else {
            return null;
        }
        return Cidr.literal(stripPort(hop));
    }

    /** {@code 1.2.3.4:5678} → {@code 1.2.3.4}, {@code [::1]:80} → {@code ::1}; a bare IPv6 address stays. */
    static String stripPort(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.startsWith("[")) {
            int end = v.indexOf(']');
            return end < 0 ? v : v.substring(1, end);
        }
        int colon = v.indexOf(':');
        if (colon >= 0 && colon == v.lastIndexOf(':')) {
            return v.substring(0, colon);
        }
        return v;
    }
}
