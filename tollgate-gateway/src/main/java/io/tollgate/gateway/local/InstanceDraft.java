package io.tollgate.gateway.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The product configuration an API instance becomes, while its resources are translated: the content
 * object ({@code docs/proxy-config-content.md} shape) and, for each policy chain entry, where it was
 * declared (so a builtin policy's complaint names the file and field).
 */
final class InstanceDraft {
    final Resource instance;
    final ObjectNode product = JsonNodeFactory.instance.objectNode();
    final ObjectNode proxy;
    final ObjectNode listener;
    final ArrayNode chain;
    final List<String> origins = new ArrayList<>();
    /** The control plane product id from client-id-enforcement, or null. */
    Long meteredProductId;
    /** Where the tls binding was declared, or null. */
    String tlsWhere;

    InstanceDraft(Resource instance) {
        this.instance = instance;
        this.proxy = product.putObject("proxy");
        this.proxy.putArray("hosts");
        this.listener = proxy.putObject("listener");
        this.chain = proxy.putArray("policy_chain");
    }

    /** Adds a chain entry, remembering where it came from. */
    ObjectNode entry(String name, ObjectNode configuration, String origin) {
        ObjectNode entry = chain.addObject().put("name", name).put("version", "builtin");
        entry.set("configuration", configuration);
        origins.add(origin);
        return entry;
    }
}
