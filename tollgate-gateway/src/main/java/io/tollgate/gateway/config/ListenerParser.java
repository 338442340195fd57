package io.tollgate.gateway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads {@code proxy.listener}: {@code {"port": 8081, "scheme": "http"|"https", "address": "0.0.0.0",
 * "certificate": "/etc/tls/api.crt", "key": "/etc/tls/api.key"}}. The certificate and key are PEM
 * files, required for HTTPS and refused for HTTP; they must be readable when the configuration loads,
 * so a typo is a rejected product rather than a listener that fails later. Instead of files, an API
 * instance from the control plane carries the PEM texts: {@code "certificate_pem"}, {@code "key_pem"}.
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
        if (listener.has("certificate_pem") || listener.has("key_pem")) {
            return inline(listener, address, port, scheme);
        }
        Path certificate = pem(listener, "certificate", scheme);
        Path key = pem(listener, "key", scheme);
        return new ProductConfig.Listener(address, port, certificate, key);
    }

    /** {@code certificate_pem} and {@code key_pem}: the PEM texts themselves (what the control plane sends). */
    private static ProductConfig.Listener inline(JsonFields listener, String address, int port, String scheme) {
        if (scheme.equals("http")) {
            throw listener.fail(listener.has("certificate_pem") ? "certificate_pem" : "key_pem",
                    "set for an http listener (expected: only with scheme https)");
        }
        if (listener.has("certificate") || listener.has("key")) {
            throw listener.fail(listener.has("certificate") ? "certificate" : "key",
                    "set with certificate_pem/key_pem (expected: files or PEM texts, not both)");
        }
        String certificate = listener.string("certificate_pem").filter(s -> s.contains("-----BEGIN CERTIFICATE-----"))
                .orElseThrow(() -> listener.fail("certificate_pem", "missing or not PEM (expected: -----BEGIN "
                        + "CERTIFICATE----- …)"));
        String key = listener.string("key_pem").filter(s -> s.contains("PRIVATE KEY-----"))
                .orElseThrow(() -> listener.fail("key_pem", "missing or not PEM (expected: -----BEGIN PRIVATE KEY----- "
                        + "…)"));
        return new ProductConfig.Listener(address, port, null, null, certificate, key);
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
