package io.tollgate.gateway.image;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One product's configuration as a loader found it: its content, the proxy configuration version
 * (0 when there is none, e.g. a file) and a fingerprint identifying the content — equal fingerprints
 * mean equal content, so the image builder reuses what it compiled before ({@code proxy_config:<id>}
 * for the control plane's immutable versions, a digest of the content otherwise).
 *
 * <p>A loader's source holds the parsed tree. The copy a compiled product keeps ({@link #compact()})
 * holds the UTF-8 JSON instead and parses it only if asked: a Jackson tree costs several times its
 * text, and 10,000 products' trees kept for nothing were a third of a gateway's heap.
 */
public final class ProductSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode tree;
    private final byte[] text;
    private final long id;
    private final long version;
    private final String fingerprint;

    /**
     * @param content the configuration object ({@code proxy_config.content}, or an entry of a file's {@code services})
     */
    public ProductSource(JsonNode content, long version, String fingerprint) {
        this(requireNonNull(content, "content"), null, content.path("id").asLong(-1), version, fingerprint);
    }

    private ProductSource(JsonNode tree, byte[] text, long id, long version, String fingerprint) {
        this.tree = tree;
        this.text = text;
        this.id = id;
        this.version = version;
        this.fingerprint = requireNonNull(fingerprint, "fingerprint");
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

    /** The same source holding its content as JSON text (what a compiled product keeps). */
    public ProductSource compact() {
        if (tree == null) {
            return this;
        }
        try {
            return new ProductSource(null, JSON.writeValueAsBytes(tree), id, version, fingerprint);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration object (parsed again from the text of a {@link #compact()} source). */
    public JsonNode content() {
        if (tree != null) {
            return tree;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // text this class wrote from a tree
        }
    }

    /** The product id ({@code content.id}), -1 when the content has none. */
    public long id() {
        return id;
    }

    public long version() {
        return version;
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** Sources are equal when they are the same version of the same content, whatever form it is held in. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ProductSource other && id == other.id && version == other.version
                && fingerprint.equals(other.fingerprint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version, fingerprint);
    }

    @Override
    public String toString() {
        return "ProductSource[id=" + id + ", version=" + version + ", fingerprint=" + fingerprint + "]";
    }
}
