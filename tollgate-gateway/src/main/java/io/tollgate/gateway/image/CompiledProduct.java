package io.tollgate.gateway.image;

import static java.util.Objects.requireNonNull;

import io.tollgate.gateway.config.ProductConfig;
import io.tollgate.gateway.config.ProductConfig.GatewayResponse;
import io.tollgate.gateway.credentials.CredentialsExtractor;
import io.tollgate.gateway.mapping.MappingRules;
import io.tollgate.gateway.policy.PolicyChain;
import io.tollgate.gateway.upstream.UpstreamTarget;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * One product ready for the request path: its configuration with the mapping rules compiled, the
 * credential extractor, the instantiated policy chain, the default upstream and the gateway
 * responses encoded once. Immutable; shared by every event loop.
 */
public final class CompiledProduct implements AutoCloseable {
    private final ProductConfig config;
    private final ProductSource source;
    private final MappingRules rules;
    private final CredentialsExtractor credentials;
    private final PolicyChain chain;
    private final UpstreamTarget defaultUpstream;
    private final byte[] authFailed;
    private final byte[] authMissing;
    private final byte[] noMatch;
    private final byte[] limitsExceeded;

    CompiledProduct(ProductConfig config, ProductSource source, MappingRules rules, CredentialsExtractor credentials,
            PolicyChain chain) {
        this.config = requireNonNull(config, "config");
        this.source = requireNonNull(source, "source");
        this.rules = requireNonNull(rules, "rules");
        this.credentials = requireNonNull(credentials, "credentials");
        this.chain = requireNonNull(chain, "chain");
        String backend = config.upstream().apiBackend();
        this.defaultUpstream = backend == null ? null : UpstreamTarget.parse(backend);
        this.authFailed = bytes(config.responses().authFailed());
        this.authMissing = bytes(config.responses().authMissing());
        this.noMatch = bytes(config.responses().noMatch());
        this.limitsExceeded = bytes(config.responses().limitsExceeded());
    }

    private static byte[] bytes(GatewayResponse r) {
        return r.body().getBytes(StandardCharsets.UTF_8);
    }

    public ProductConfig config() {
        return config;
    }

    /** Where the configuration came from (its version and fingerprint). */
    public ProductSource source() {
        return source;
    }

    public MappingRules rules() {
        return rules;
    }

    public CredentialsExtractor credentials() {
        return credentials;
    }

    public PolicyChain chain() {
        return chain;
    }

    /** {@code api_backend}, or null (backends are reached through the routing policy). */
    public UpstreamTarget defaultUpstream() {
        return defaultUpstream;
    }

    /** The body of one of this product's gateway responses, encoded once per image. */
    public Buffer encoded(GatewayResponse response) {
        byte[] bytes;
        if (response == config.responses().authFailed()) {
            bytes = authFailed;
        } else if (response == config.responses().authMissing()) {
            bytes = authMissing;
        } else if (response == config.responses().noMatch()) {
            bytes = noMatch;
        } else if (response == config.responses().limitsExceeded()) {
            bytes = limitsExceeded;
        } else {
            bytes = bytes(response);
        }
        return Buffer.buffer(bytes);
    }

    /** Closes the policies (when the image that holds this product is replaced without it). */
    @Override
    public void close() {
        chain.close();
    }
}
