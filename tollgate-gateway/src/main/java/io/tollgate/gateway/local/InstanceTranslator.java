package io.tollgate.gateway.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One {@code ApiInstance} and the bindings that target it, as a product configuration: {@code spec.address}
 * becomes the product's listener; the service without routes its default upstream ({@code api_backend},
 * with the service's host as the Host sent upstream); each route an {@code upstream} chain entry guarded by
 * the route's rules, after the policies; inline {@code spec.policies} and the bindings, by {@code order},
 * its policy chain.
 */
final class InstanceTranslator {
    private InstanceTranslator() {
    }

    static InstanceDraft translate(Resource instance, Map<String, Resource> services, List<Binding> bound,
            String redisUrl) {
        Node spec = instance.spec().only("address", "services", "policies");
        InstanceDraft draft = new InstanceDraft(instance);
        draft.product.put("name", instance.qualifiedName()).put("system_name", instance.qualifiedName());
        Addresses.Listen listen = Addresses.listen(spec.get("address"));
        draft.listener.put("port", listen.port()).put("scheme", listen.tls() ? "https" : "http")
                .put("address", listen.host());
        List<ObjectNode> routes = new ArrayList<>();
        List<String> routeOrigins = new ArrayList<>();
        upstreams(instance, spec.get("services"), services, draft, routes, routeOrigins);

        List<Binding> all = new ArrayList<>();
        List<Node> inline = spec.get("policies").list();
        for (int i = 0; i < inline.size(); i++) {
            all.add(binding(inline.get(i).only("policyRef", "config", "order", "rules"), i));
        }
        all.addAll(bound);
        all.sort(Comparator.comparingLong(Binding::order).thenComparingInt(Binding::sequence));
        for (Binding b : all) {
            LocalPolicies.apply(b, draft, redisUrl);
        }
        for (int i = 0; i < routes.size(); i++) {
            draft.chain.add(routes.get(i));
            draft.origins.add(routeOrigins.get(i));
        }
        if (listen.tls() && draft.tlsWhere == null) {
            throw spec.get("address").fail("https needs a certificate: bind the tls policy to this API instance "
                    + "(config: {certificate: /path/cert.pem, key: /path/key.pem})");
        }
        if (!listen.tls() && draft.tlsWhere != null) {
            throw spec.get("address").fail("http, but " + draft.tlsWhere + " gives it a certificate (expected: "
                    + "https://…)");
        }
        beforeMetering(draft);
        return draft;
    }

    /** A binding's spec ({@code policyRef}, {@code config}, {@code order}, {@code rules}). */
    static Binding binding(Node at, int sequence) {
        Node ref = at.get("policyRef").only("name", "namespace", "kind");
        if (ref.isNull()) {
            throw ref.fail("missing (expected: {name: <policy>})");
        }
        ref.get("kind").string().filter(k -> !k.equals("Extension")).ifPresent(k -> {
            throw ref.get("kind").fail(Node.quote(k) + " (expected: Extension, or nothing)");
        });
        String name = ref.get("name").requiredString();
        long order = at.get("order").number(0, 10_000).orElse(Binding.DEFAULT_ORDER);
        Rules.translate(at.get("rules").list());
        return new Binding(at, name, order, sequence);
    }

    private static void upstreams(Resource instance, Node servicesNode, Map<String, Resource> services,
            InstanceDraft draft, List<ObjectNode> routes, List<String> origins) {
        Map<String, Node> entries = servicesNode.entries();
        if (entries.isEmpty()) {
            throw servicesNode.fail("missing (expected: at least one upstream, e.g. {users: {address: "
                    + "http://users.internal:8080}})");
        }
        String defaultService = null;
        for (Map.Entry<String, Node> e : entries.entrySet()) {
            Node entry = e.getValue().only("address", "routes");
            String address;
            if (entry.has("address")) {
                address = Addresses.upstream(entry.get("address"));
            } else {
                Resource service = services.get(instance.namespace() + "/" + e.getKey());
                if (service == null) {
                    throw entry.fail("no address, and no Service " + Node.quote(Resource.qualified(instance.namespace(),
                            e.getKey())) + " in the directory");
                }
                address = service.spec().get("address").requiredString().trim();
            }
            List<Node> list = entry.get("routes").list();
            if (list.isEmpty()) {
                if (defaultService != null) {
                    throw entry.fail("a second service without routes (" + defaultService + " already takes every "
                            + "request no route takes; give one of them routes)");
                }
                defaultService = e.getKey();
                draft.proxy.put("api_backend", address).put("hostname_rewrite", authority(address));
                continue;
            }
            for (Node route : list) {
                route.only("rules", "config");
                Node config = route.get("config").only("destinationPath");
                String destination = config.get("destinationPath").string().orElse("");
                if (!destination.isEmpty() && !destination.startsWith("/")) {
                    throw config.get("destinationPath").fail(Node.quote(destination) + " (expected: a path starting "
                            + "with /)");
                }
                ObjectNode entryJson = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                        .put("name", "upstream").put("version", "builtin");
                entryJson.putObject("configuration").putArray("rules").addObject().put("regex", "^/")
                        .put("url", stripSlash(address) + destination);
                List<Node> rules = route.get("rules").list();
                if (!rules.isEmpty()) {
                    entryJson.set("rules", Rules.translate(rules));
                }
                routes.add(entryJson);
                origins.add(route.where() + ": " + route.path());
            }
        }
    }

    /** cors answers preflights before credentials are asked for: it must come before client-id-enforcement. */
    private static void beforeMetering(InstanceDraft draft) {
        int apicast = -1;
        for (int i = 0; i < draft.chain.size(); i++) {
            String name = draft.chain.get(i).path("name").asText();
            if (name.equals("apicast")) {
                apicast = i;
            } else if (apicast >= 0 && name.equals("cors")) {
                throw new LocalConfigException(draft.origins.get(i).replaceFirst("\\.config$", ".order")
                        + ": after client-id-enforcement (expected: a lower order; CORS preflights carry no "
                        + "credentials)");
            }
        }
    }

    private static String stripSlash(String address) {
        return address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
    }

    /** {@code host[:port]} of an upstream URL, the Host it expects. */
    private static String authority(String address) {
        URI uri = URI.create(address);
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }
}
