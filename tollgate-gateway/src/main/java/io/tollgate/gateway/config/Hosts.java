package io.tollgate.gateway.config;

import java.util.Locale;

/** Host names as the gateway compares them: lower case, without port. */
public final class Hosts {
    private Hosts() {
    }

    /**
     * {@code "API.Example.com:8443"} → {@code "api.example.com"}; {@code "[::1]:80"} → {@code "[::1]"};
     * a URL ({@code https://api.example.com/x}) → its host. Null → empty.
     */
    public static String normalize(String host) {
        if (host == null) {
            return "";
        }
        String h = host.trim();
        int scheme = h.indexOf("://");
        if (scheme >= 0) {
            h = h.substring(scheme + 3);
            int slash = h.indexOf('/');
            if (slash >= 0) {
                h = h.substring(0, slash);
            }
            int at = h.lastIndexOf('@');
            if (at >= 0) {
                h = h.substring(at + 1);
            }
        }
        return stripPort(h).toLowerCase(Locale.ROOT);
    }

    /**
     * The host of a Host header value, lower-cased and without port, on the request path: no
     * allocation when the value is already lower case without a port.
     */
    public static String ofHeader(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        int end = value.length();
        boolean lower = true;
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (c == ':' && value.charAt(0) != '[') {
                end = i;
                break;
            }
            if (c >= 'A' && c <= 'Z') {
                lower = false;
            }
        }
        if (value.charAt(0) == '[') {
            return stripPort(value).toLowerCase(Locale.ROOT);
        }
        String host = end == value.length() ? value : value.substring(0, end);
        return lower ? host : host.toLowerCase(Locale.ROOT);
    }

    private static String stripPort(String h) {
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close < 0 ? h : h.substring(0, close + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }
}
