package io.tollgate.client;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An admin API to talk to: its base URL and the access token (or provider key) that authenticates.
 * Written as {@code http[s]://<token>@<host>[:port][/path]}, as 3scale toolbox remotes are.
 *
 * @param endpoint the base URL without the token and without a trailing slash
 */
public record Remote(URI endpoint, String token) {
    public Remote {
        requireNonNull(endpoint, "endpoint");
        requireNonNull(token, "token");
    }

    /** Parses {@code http[s]://token@host[:port][/path]}; the message of a failure names what is wrong. */
    public static Remote parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL (" + e.getReason() + "); expected http[s]://<token>@<host>");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("expected an http:// or https:// URL: http[s]://<token>@<host>");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("the URL has no host; expected http[s]://<token>@<host>");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || userInfo.isEmpty()) {
            throw new IllegalArgumentException("the URL has no access token; expected http[s]://<token>@<host>");
        }
        String token = URLDecoder.decode(userInfo, StandardCharsets.UTF_8);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        try {
            URI endpoint = new URI(scheme, null, uri.getHost(), uri.getPort(), null, null, null);
            return new Remote(URI.create(endpoint + path), token);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL (" + e.getReason() + ")");
        }
    }

    /** Whether {@code text} looks like a URL rather than a remote's name. */
    public static boolean isUrl(String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** The URL with the token, as stored in the configuration file. */
    public String url() {
        String base = endpoint.toString();
        int scheme = base.indexOf("://") + 3;
        return base.substring(0, scheme) + encodeUserInfo(token) + "@" + base.substring(scheme);
    }

    /** Percent-encodes what a URI's user-info part cannot hold as it is (RFC 3986 §3.2.1). */
    private static String encodeUserInfo(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return endpoint.toString();
    }
}
