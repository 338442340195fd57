package io.tollgate.gateway.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.config.ConfigException;
import io.tollgate.gateway.config.ProductConfig;
import java.util.Set;

/**
 * Makes instances of one builtin policy from a chain entry's configuration, validating it: an invalid
 * configuration fails with a {@link ConfigException} whose message names the field and the
 * expectation ({@code "count: -1 (expected: >= 1)"}); the chain adds the policy's name and position.
 */
public interface PolicyFactory {

    /** The policy's name in a chain ({@code rate_limit}). */
    String name();

    /**
     * @param configuration the chain entry's {@code configuration} object (never null)
     * @param product the product whose chain it is
     * @param context what policies may use
     * @throws ConfigException when the configuration is invalid
     */
    Policy create(ObjectNode configuration, ProductConfig product, PolicyContext context);

    /**
     * Policies that, when both are in a chain, must come after this one (e.g. {@code default_credentials}
     * before {@code apicast}). Checked when the configuration loads.
     */
    default Set<String> mustPrecede() {
        return Set.of();
    }
}
