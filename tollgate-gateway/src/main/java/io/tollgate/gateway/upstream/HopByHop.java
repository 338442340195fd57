package io.tollgate.gateway.upstream;

import io.vertx.core.MultiMap;
import java.util.Locale;
import java.util.Set;

/**
 * Headers that describe one connection, not the message (RFC 9110 §7.6.1): never forwarded in either
 * direction, nor is any header the {@code Connection} header names.
 */
final class HopByHop {
    private static final Set<String> NAMES = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "trailers", "transfer-encoding", "upgrade",
            "http2-settings");

    private HopByHop() {
    }

    /** Whether {@code name} is hop-by-hop (any case). */
    static boolean is(CharSequence name) {
        int n = name.length();
        // Cheap pre-check on the lengths of the names above, so common headers skip the lower-casing.
        if (n != 2 && n != 7 && n != 8 && n != 10 && n != 14 && n != 16 && n != 17 && n != 18 && n != 19) {
            return false;
        }
        return NAMES.contains(name.toString().toLowerCase(Locale.ROOT));
    }

    /** The lower-cased names listed in a {@code Connection} header, or an empty set. */
    static Set<String> listedIn(MultiMap headers) {
        String connection = headers.get("Connection");
        if (connection == null || connection.isEmpty()) {
            return Set.of();
        }
        java.util.HashSet<String> names = new java.util.HashSet<>();
        for (String token : connection.split(",")) {
            String t = token.trim().toLowerCase(Locale.ROOT);
            if (!t.isEmpty() && !t.equals("close") && !t.equals("keep-alive")) {
                names.add(t);
            }
        }
        return names;
    }
}
