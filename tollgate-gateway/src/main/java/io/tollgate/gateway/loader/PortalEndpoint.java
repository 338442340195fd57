package io.tollgate.gateway.loader;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Where the gateway gets its configuration: {@code https://TOKEN@host[:port][/path]}
 * (APIcast's {@code THREESCALE_PORTAL_ENDPOINT}). The token is sent as HTTP Basic {@code :TOKEN}
 * ({@code user:password} when the user info has a colon) and never shown: {@link #toString()} and
 * every message leave the user info out.
 *
 * <p>Without a path the gateway reads {@code /admin/api/account/proxy_configs/{env}.json}; with a
 * path, {@code <path>/{env}.json}. Change notifications are {@code …/{env}/changes.json} next to it.
 */
public final class PortalEndpoint {
    static final String DEFAULT_PATH = "/admin/api/account/proxy_configs";
    /** The gateway API's configurations of the gateway's own tenant and environment (mTLS, no token). */
    static final String GATEWAY_API_PATH = "/gateway/api/proxy/configs";

    private final boolean tls;
    private final String host;
    private final int port;
    private final String path;
    private final String authorization;

    private PortalEndpoint(boolean tls, String host, int port, String path, String authorization) {
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.path = path;
        this.authorization = authorization;
    }

    /**
     * @throws IllegalArgumentException saying what is wrong, with the text shown without its user info
     */
    public static PortalEndpoint parse(String text) {
        String raw = text == null ? "" : text.trim();
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(redact(raw) + " (expected: a URL such as https://TOKEN@host)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(redact(raw) + " (expected: an http:// or https:// URL)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(redact(raw) + " (expected: a host name after the token)");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || userInfo.isEmpty() || userInfo.equals(":")) {
            throw new IllegalArgumentException(redact(raw) + " (expected: an access token before the host: "
                    + scheme + "://TOKEN@" + uri.getHost() + ")");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(redact(raw) + " (expected: no query or fragment)");
        }
        String decoded = URLDecoder.decode(userInfo.replace("+", "%2B"), StandardCharsets.UTF_8);
        String credentials = decoded.contains(":") ? decoded : ":" + decoded;
        String authorization = "Basic " + Base64.getEncoder().encodeToString(
                credentials.getBytes(StandardCharsets.UTF_8));
        boolean tls = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new PortalEndpoint(tls, uri.getHost(), port, path.isEmpty() ? DEFAULT_PATH : path, authorization);
    }

    /**
     * A registered gateway's configuration endpoint: {@code <gatewayApiUrl>/gateway/api/proxy/configs},
     * authenticated by the client certificate ({@link ClientIdentity}), so no token and no
     * {@code Authorization} header.
     *
     * @throws IllegalArgumentException when {@code url} is not an https:// URL with a host
     */
    public static PortalEndpoint gatewayApi(String url) {
        String raw = url == null ? "" : url.trim();
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(raw + " (expected: the gateway API's https:// URL)");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getHost().isEmpty()
                || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(redact(raw) + " (expected: the gateway API's https://host:port URL)");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 443;
        return new PortalEndpoint(true, uri.getHost(), port, GATEWAY_API_PATH, null);
    }

    /** {@code text} with anything between {@code ://} and the last {@code @} of the authority replaced. */
    static String redact(String text) {
        int scheme = text.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int end = text.indexOf('/', start);
        String authority = end < 0 ? text.substring(start) : text.substring(start, end);
        int at = authority.lastIndexOf('@');
        if (at < 0) {
            return text;
        }
        return text.substring(0, start) + "***" + text.substring(start + at);
    }

    public boolean tls() {
        return tls;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The {@code Authorization} header value (a secret), or null for the gateway API (client certificate). */
    String authorization() {
        return authorization;
    }

    /** The listing of an environment, one page. */
    String pageUri(Environment environment, int page, int perPage) {
        return path + "/" + environment.pathName() + ".json?version=latest&page=" + page + "&per_page=" + perPage;
    }

    /** The configurations answering for {@code host} (the lazy loader). */
    String hostUri(Environment environment, String host) {
        return path + "/" + environment.pathName() + ".json?host=" + URLEncoder.encode(host, StandardCharsets.UTF_8)
                + "&version=latest";
    }

    /** The change notification long poll; {@code since} may be null (answers at once). */
    String changesUri(Environment environment, String since, long waitSeconds) {
        String query = since == null ? "" : "since=" + URLEncoder.encode(since, StandardCharsets.UTF_8) + "&";
        return path + "/" + environment.pathName() + "/changes.json?" + query + "wait=" + waitSeconds;
    }

    /** A URL on this endpoint as logs show it: scheme, host, port, {@code uri}; never the token. */
    String show(String uri) {
        return toString() + uri;
    }

    /** {@code https://host[:port]}, without the token. */
    @Override
    public String toString() {
        boolean defaultPort = port == (tls ? 443 : 80);
        String shownHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return (tls ? "https://" : "http://") + shownHost + (defaultPort ? "" : ":" + port);
    }
}
