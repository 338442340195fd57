package io.tollgate.gateway.image;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One product's configuration as a loader found it.
 *
 * @param content the configuration object ({@code proxy_config.content}, or an entry of a file's {@code services})
 * @param version the proxy configuration version (0 when there is none, e.g. a file)
 * @param fingerprint identifies the content: equal fingerprints mean equal content, so the image
 *     builder reuses what it compiled before ({@code proxy_config:<id>} for the control plane's immutable
 *     versions, a digest of the content otherwise)
 */
public record ProductSource(JsonNode content, long version, String fingerprint) {

    public ProductSource {
        requireNonNull(content, "content");
        requireNonNull(fingerprint, "fingerprint");
    }

    /** A source identified by a digest of its content. */
    public static ProductSource of(JsonNode content, long version) {
        return new ProductSource(content, version, digest(content));
    }

    static String digest(JsonNode content) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return "sha256:" + HexFormat.of().formatHex(sha.digest(content.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
