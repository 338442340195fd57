package io.tollgate.gateway.upstream;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a request goes: an upstream base URL, parsed once per configuration image.
 *
 * @param url the URL as configured
 * @param ssl whether it is https
 * @param host the host to connect to
 * @param port the port to connect to
 * @param basePath the URL's path without a trailing slash ("" for none): request paths are appended to it
 * @param authority what a Host header naming this upstream says ({@code host} or {@code host:port})
 */
public record UpstreamTarget(String url, boolean ssl, String host, int port, String basePath, String authority) {

    public UpstreamTarget {
        requireNonNull(url, "url");
        requireNonNull(host, "host");
        requireNonNull(basePath, "basePath");
        requireNonNull(authority, "authority");
    }

    /**
     * @throws IllegalArgumentException saying what is wrong with the URL
     */
    public static UpstreamTarget parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"" + url + "\" (expected: an http or https URL: " + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("\"" + url + "\" (expected: an http or https URL)");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("\"" + url + "\" (expected: a URL with a host)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("\"" + url + "\" (expected: a URL without query or fragment)");
        }
        boolean ssl = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String authority = uri.getPort() > 0 ? host + ":" + uri.getPort() : host;
        return new UpstreamTarget(url, ssl, bare, port, path, authority);
    }

    /** This upstream's base path followed by {@code path} (which starts with '/'). */
    public String pathFor(String path) {
        return basePath.isEmpty() ? path : basePath + path;
    }
}
