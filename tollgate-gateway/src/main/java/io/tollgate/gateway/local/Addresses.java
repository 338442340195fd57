package io.tollgate.gateway.local;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The two kinds of addresses of local-mode resources: where an instance listens, where a service is. */
final class Addresses {
    /** An API instance's port when its address names none (what the console proposes too). */
    static final int DEFAULT_PORT = 8081;

    /**
     * Where an instance listens.
     *
     * @param tls whether the address is https
     * @param host the address to bind
     */
    record Listen(boolean tls, String host, int port) {
    }

    private Addresses() {
    }

    /** {@code http[s]://host[:port]} (no base path: one API instance per port). */
    static Listen listen(Node node) {
        String text = node.requiredString().trim();
        URI uri = uri(node, text, "http://0.0.0.0:8081");
        String scheme = scheme(node, uri, text);
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw node.fail(Node.quote(text) + " (expected: no base path; an API instance has a port of its own and"
                    + " serves every path on it)");
        }
        if (uri.getRawQuery() != null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw node.fail(Node.quote(text) + " (expected: http[s]://host:port)");
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Listen(scheme.equals("https"), host, uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort());
    }

    /** {@code http[s]://host[:port][/path]}, checked; returned as written. */
    static String upstream(Node node) {
        String text = node.requiredString().trim();
        URI uri = uri(node, text, "http://orders.internal:8080");
        scheme(node, uri, text);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw node.fail(Node.quote(text) + " (expected: no query or fragment)");
        }
        return text;
    }

    private static URI uri(Node node, String text, String example) {
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null) {
                throw node.fail(Node.quote(text) + " (expected: a URL such as " + example + ")");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw node.fail(Node.quote(text) + " (expected: a URL such as " + example + ")");
        }
    }

    private static String scheme(Node node, URI uri, String text) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw node.fail(Node.quote(text) + " (expected: http:// or https://)");
        }
        return scheme;
    }
}
