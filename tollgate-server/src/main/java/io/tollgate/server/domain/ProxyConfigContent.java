package io.tollgate.server.domain;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.BackendApi;
import io.tollgate.model.BackendUsage;
import io.tollgate.model.Json;
import io.tollgate.model.MappingRule;
import io.tollgate.model.PolicyConfig;
import io.tollgate.model.Product;
import io.tollgate.model.Proxy;
import io.tollgate.model.ProxySettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the complete gateway configuration of one product, the {@code content} of a proxy
 * configuration (schema in docs/proxy-config-content.md). The output depends only on the inputs
 * and every list has a fixed order, so the same inputs give byte-identical text and "did the
 * configuration change?" is a string comparison. Nothing that changes on every write (timestamps,
 * lock_version) is part of it.
 */
public final class ProxyConfigContent {
    /** The most a content may take, in bytes of its JSON text, as in 3scale. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * What the configuration is built from.
     *
     * @param rules       the product's own mapping rules, any order
     * @param metricNames system names of the product's metrics and methods by id
     * @param backends    the backends the product uses, any order
     * @param serviceToken the product's oldest service token, or null when it has none
     * @param placement    the gateway and listener the product is placed on, or null when it is not
     */
    public record Inputs(Product product, Proxy proxy, List<MappingRule> rules, Map<Long, String> metricNames,
            List<UsedBackend> backends, String serviceToken, Placement placement) {
        public Inputs {
            requireNonNull(product, "product");
            requireNonNull(proxy, "proxy");
            rules = List.copyOf(rules);
            metricNames = Map.copyOf(metricNames);
            backends = List.copyOf(backends);
        }

        /** The inputs of a product that is not placed on a gateway. */
        public Inputs(Product product, Proxy proxy, List<MappingRule> rules, Map<Long, String> metricNames,
                List<UsedBackend> backends, String serviceToken) {
            this(product, proxy, rules, metricNames, backends, serviceToken, null);
        }
    }

    /**
     * Where an API instance runs: the registered gateway and the listener port it opens for it.
     *
     * @param certificatePem the listener's certificate chain (PEM text), only with scheme https
     * @param keyPem         the listener's private key (PEM text), only with scheme https
     */
    public record Placement(long gatewayId, String gatewayName, int port, String scheme, String certificatePem,
            String keyPem) {
        public Placement {
            requireNonNull(gatewayName, "gatewayName");
            requireNonNull(scheme, "scheme");
        }

        @Override
        public String toString() {
            return "Placement[gateway=" + gatewayName + " (" + gatewayId + "), port=" + port + ", scheme=" + scheme
                    + "]";
        }
    }

    /** A backend usage with the backend, its mapping rules and its metric system names by id. */
    public record UsedBackend(BackendUsage usage, BackendApi backend, List<MappingRule> rules,
            Map<Long, String> metricNames) {
        public UsedBackend {
            requireNonNull(usage, "usage");
            requireNonNull(backend, "backend");
            rules = List.copyOf(rules);
            metricNames = Map.copyOf(metricNames);
        }
    }

    private ProxyConfigContent() {
    }

    /** The configuration as JSON. */
    public static ObjectNode build(Inputs in) {
        Product p = in.product();
        ObjectNode root = NODES.objectNode()
                .put("id", p.id())
                .put("account_id", p.accountId())
                .put("name", p.name())
                .put("system_name", p.systemName())
                .put("backend_version", p.backendVersion())
                // What the gateway authenticates to the meter with.
                .put("backend_authentication_type", "service_token")
                .put("backend_authentication_value", in.serviceToken());
        root.set("proxy", proxy(in));
        return root;
    }

    /** The JSON text of {@link #build}: what is stored and compared. */
    public static String text(Inputs in) {
        return Json.write(build(in));
    }

    /** Whether {@code text} is over {@link #MAX_BYTES} in UTF-8. */
    public static boolean tooLong(String text) {
        // A char takes at most 3 UTF-8 bytes; only count when it could be over.
        return text.length() * 3L > MAX_BYTES && text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }

    private static ObjectNode proxy(Inputs in) {
        Proxy proxy = in.proxy();
        ProxySettings s = proxy.settings();
        ObjectNode node = NODES.objectNode()
                .put("id", proxy.id())
                .put("service_id", proxy.serviceId())
                .put("endpoint", s.endpoint())
                .put("sandbox_endpoint", s.sandboxEndpoint());
        ArrayNode hosts = node.putArray("hosts");
        hosts(s).forEach(hosts::add);
        node.put("api_backend", s.apiBackend());
        ProxySettingsJson.write(node, s);
        List<UsedBackend> backends = byPathDescending(in.backends());
        node.set("policy_chain", policyChain(proxy.policiesConfig(), backends));
        node.set("proxy_rules", GatewayRules.proxyRules(in.product().id(), in.rules(), in.metricNames(), backends));
        if (in.placement() != null) {
            placement(node, in.placement());
        }
        return node;
    }

    /** {@code gateway} and {@code listener}, only for a placed product: others keep their exact bytes. */
    private static void placement(ObjectNode proxy, Placement p) {
        proxy.putObject("gateway").put("id", p.gatewayId()).put("name", p.gatewayName());
        ObjectNode listener = proxy.putObject("listener").put("port", p.port()).put("scheme", p.scheme());
        if ("https".equals(p.scheme())) {
            listener.put("certificate_pem", p.certificatePem()).put("key_pem", p.keyPem());
        }
    }

    /** The hosts of endpoint and sandbox endpoint: lower-cased, without port, each once. */
    public static List<String> hosts(ProxySettings s) {
        Set<String> hosts = new LinkedHashSet<>();
        for (String url : new String[] {s.endpoint(), s.sandboxEndpoint()}) {
            String host = host(url);
            if (host != null) {
                hosts.add(host);
            }
        }
        return List.copyOf(hosts);
    }

    private static String host(String url) {
        if (url == null) {
            return null;
        }
        try {
            String host = new URI(url.trim()).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * The enabled policies of the product's chain, with the routing policy for its backends (if
     * any) right before {@code apicast}, or at the end when the chain has no apicast.
     */
    private static ArrayNode policyChain(List<PolicyConfig> chain, List<UsedBackend> backends) {
        List<ObjectNode> entries = new ArrayList<>();
        int apicast = -1;
        for (PolicyConfig policy : chain) {
            if (!policy.enabled()) {
                continue;
            }
            if (apicast < 0 && "apicast".equals(policy.name())) {
                apicast = entries.size();
            }
            ObjectNode entry = NODES.objectNode().put("name", policy.name()).put("version", policy.version());
            entry.set("configuration", policy.configuration().deepCopy());
            entries.add(entry);
        }
        if (!backends.isEmpty()) {
            entries.add(apicast < 0 ? entries.size() : apicast, GatewayRules.routingPolicy(backends));
        }
        ArrayNode array = NODES.arrayNode();
        entries.forEach(array::add);
        return array;
    }

    private static List<UsedBackend> byPathDescending(List<UsedBackend> backends) {
        return backends.stream()
                .sorted(Comparator.comparing((UsedBackend b) -> b.usage().path()).reversed()
                        .thenComparing(b -> b.usage().id()))
                .toList();
    }
}
