package io.tollgate.gateway.local;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.config.ConfigException;
import io.tollgate.gateway.config.ProductConfig;
import io.tollgate.gateway.config.ProductConfigParser;
import io.tollgate.gateway.image.ProductSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * Local mode's declarative resources ({@code gateway.tollgate.dev/v1alpha1}, docs/gateway-local-mode.md)
 * turned into the gateway's own product configurations, so the same parser, compiled policy chain, limits,
 * access log and metrics serve them: one product per {@code ApiInstance}, with its address as the
 * product's listener ({@code proxy.listener}), its services as upstream and routes, and its policy
 * bindings, by order, as its policy chain. Without {@code client-id-enforcement} an instance is not
 * metered (no {@code apicast} in its chain): requests pass without credentials unless a policy asks for
 * some.
 *
 * <p>The whole directory is one unit: the first problem found is a {@link LocalConfigException} naming the
 * file, the resource and the field, and nothing is translated.
 */
public final class LocalTranslator {
    /**
     * Checks one chain entry's configuration as the builtin policy will (the image builder's
     * {@link io.tollgate.gateway.image.ImageBuilder#check}).
     */
    @FunctionalInterface
    public interface PolicyCheck {
        /** @throws ConfigException with the policy's message */
        void check(ProductConfig.PolicyConfig entry, ProductConfig product);
    }

    private final ResourceReader reader;
    private final PolicyCheck check;

    /**
     * @param env the environment variables {@code $NAME} references are taken from
     * @param check the builtin policies' own check of their configuration
     */
    public LocalTranslator(Function<String, String> env, PolicyCheck check) {
        this.reader = new ResourceReader(requireNonNull(env, "env"));
        this.check = requireNonNull(check, "check");
    }

    /** The files of {@code dir} that make up its configuration (for the watcher). */
    public static List<Path> files(Path dir) throws java.io.IOException {
        return ResourceReader.files(dir);
    }

    /**
     * The products the directory declares.
     *
     * @throws LocalConfigException naming the file, resource and field of the first problem
     */
    public List<ProductSource> translate(Path dir) {
        List<Resource> resources = reader.read(dir);
        Map<String, Resource> services = new HashMap<>();
        Map<String, Resource> instances = new LinkedHashMap<>();
        List<Resource> bindings = new ArrayList<>();
        String redisUrl = null;
        Resource storage = null;
        for (Resource r : resources) {
            String key = r.namespace() + "/" + r.name();
            switch (r.kind()) {
                case Service -> services.put(key, r);
                case ApiInstance -> instances.put(key, r);
                case PolicyBinding -> bindings.add(r);
                case Configuration -> {
                    String url = Configurations.redisUrl(r);
                    if (url != null) {
                        if (storage != null) {
                            throw r.spec().get("sharedStorage").fail("shared storage is already configured by "
                                    + storage.where());
                        }
                        storage = r;
                        redisUrl = url;
                    }
                }
            }
        }
        for (Resource s : services.values()) {
            s.spec().only("address");
            Addresses.upstream(s.spec().get("address"));
        }
        Map<String, List<Binding>> bound = bind(bindings, instances);
        List<ProductSource> out = new ArrayList<>();
        Map<Long, Resource> ids = new HashMap<>();
        Map<Integer, Resource> ports = new HashMap<>();
        for (Map.Entry<String, Resource> e : instances.entrySet()) {
            Resource instance = e.getValue();
            InstanceDraft draft = InstanceTranslator.translate(instance, services, bound.getOrDefault(e.getKey(),
                    List.of()), redisUrl);
            long id = draft.meteredProductId != null ? draft.meteredProductId : idOf(instance);
            Resource twin = ids.putIfAbsent(id, instance);
            if (twin != null) {
                throw instance.spec().fail("product id " + id + " is also " + twin.where() + "'s (rename one of them,"
                        + " or give client-id-enforcement another productId)");
            }
            int port = draft.listener.path("port").asInt();
            Resource sharing = ports.putIfAbsent(port, instance);
            if (sharing != null) {
                throw instance.spec().get("address").fail("port " + port + " is already " + sharing.where()
                        + "'s (expected: one API instance per port)");
            }
            draft.product.put("id", id);
            out.add(checked(draft));
        }
        return out;
    }

    /** Each binding, by the instance it targets ({@code namespace/name}). */
    private static Map<String, List<Binding>> bind(List<Resource> bindings, Map<String, Resource> instances) {
        Map<String, List<Binding>> bound = new HashMap<>();
        int sequence = 0;
        for (Resource b : bindings) {
            Node spec = b.spec().only("targetRef", "policyRef", "config", "order", "rules");
            Node target = spec.get("targetRef").only("name", "namespace", "kind");
            target.get("kind").string().filter(k -> !k.equals("ApiInstance")).ifPresent(k -> {
                throw target.get("kind").fail(Node.quote(k) + " (expected: ApiInstance; local mode binds policies to"
                        + " API instances)");
            });
            if (target.isNull()) {
                throw target.fail("missing (expected: {name: <ApiInstance>})");
            }
            String name = target.get("name").requiredString();
            String namespace = target.get("namespace").string().orElse(b.namespace());
            if (!instances.containsKey(namespace + "/" + name)) {
                throw target.get("name").fail("no ApiInstance " + Node.quote(Resource.qualified(namespace, name))
                        + " in the directory");
            }
            // After every inline policy (whose sequence is its index) when the orders are equal.
            Binding binding = InstanceTranslator.binding(spec, 1_000_000 + sequence++);
            bound.computeIfAbsent(namespace + "/" + name, k -> new ArrayList<>()).add(binding);
        }
        bound.values().forEach(list -> list.sort(Comparator.comparingLong(Binding::order)
                .thenComparingInt(Binding::sequence)));
        return bound;
    }

    /** A stable product id for an instance: the same name is the same product across reloads. */
    private static long idOf(Resource instance) {
        CRC32 crc = new CRC32();
        crc.update((instance.namespace() + "/" + instance.name()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return crc.getValue() & 0x7fffffff;
    }

    /** The draft as a product source, once the gateway's parser and each policy accepted it. */
    private ProductSource checked(InstanceDraft draft) {
        ObjectNode content = draft.product;
        ProductConfig config;
        try {
            config = ProductConfigParser.parse(content);
        } catch (ConfigException e) {
            throw new LocalConfigException(draft.instance.where() + ": " + e.getMessage());
        }
        List<ProductConfig.PolicyConfig> chain = config.policyChain();
        for (int i = 0; i < chain.size(); i++) {
            try {
                check.check(chain.get(i), config);
            } catch (ConfigException e) {
                throw new LocalConfigException(draft.origins.get(i) + field(e.getMessage()));
            }
        }
        return ProductSource.of(content, 0);
    }

    /** {@code "username: missing"} under {@code spec.config} reads {@code .username: missing}. */
    private static String field(String message) {
        return message.matches("^[A-Za-z_][\\w.\\[\\]]*: .*") ? "." + message : ": " + message;
    }
}
