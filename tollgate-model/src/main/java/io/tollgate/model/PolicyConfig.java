package io.tollgate.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One entry of a product's policy chain. */
public record PolicyConfig(String name, String version, ObjectNode configuration, boolean enabled) {

    /** The chain of a new product: just the built-in gateway policy. */
    public static List<PolicyConfig> defaultChain() {
        return List.of(new PolicyConfig("apicast", "builtin", JsonNodeFactory.instance.objectNode(), true));
    }
}
