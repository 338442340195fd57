package io.tollgate.gateway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads {@code proxy.listener}: {@code {"port": 8081, "scheme": "http"|"https", "address": "0.0.0.0",
 * "certificate": "/etc/tls/api.crt", "key": "/etc/tls/api.key"}}. The certificate and key are PEM
 * files, required for HTTPS and refused for HTTP; they must be readable when the configuration loads,
 * so a typo is a rejected product rather than a listener that fails later.
 */
final class ListenerParser {
    private ListenerParser() {
    }

    /** The product's listener, or null when the configuration has none. */
    static ProductConfig.Listener parse(JsonFields proxy) {
        if (!proxy.has("listener")) {
            return null;
        }
        JsonFields listener = proxy.object("listener");
        if (!listener.has("port")) {
            throw listener.fail("port", "missing (expected: a port number 1..65535)");
        }
        int port = listener.intValue("port", 0, 1, 65535);
        String scheme = listener.oneOf("scheme", "http", List.of("http", "https"));
        String address = listener.string("address", "0.0.0.0").trim();
        if (address.isEmpty()) {
            throw listener.fail("address", "\"\" (expected: an address to listen on, e.g. 0.0.0.0)");
        }
        Path certificate = pem(listener, "certificate", scheme);
        Path key = pem(listener, "key", scheme);
        return new ProductConfig.Listener(address, port, certificate, key);
    }

    private static Path pem(JsonFields listener, String field, String scheme) {
        String value = listener.string(field).filter(s -> !s.isBlank()).orElse(null);
        if (scheme.equals("http")) {
            if (value != null) {
                throw listener.fail(field, "set for an http listener (expected: only with scheme https)");
            }
            return null;
        }
        if (value == null) {
            throw listener.fail(field, "missing (expected: a PEM file, required with scheme https)");
        }
        Path path = Path.of(value);
        if (!Files.isReadable(path)) {
            throw listener.fail(field, value + " (expected: a readable PEM file)");
        }
        return path;
    }
}
