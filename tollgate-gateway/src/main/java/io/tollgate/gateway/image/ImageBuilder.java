package io.tollgate.gateway.image;

import static java.util.Objects.requireNonNull;

import io.tollgate.gateway.config.ConfigException;
import io.tollgate.gateway.config.ProductConfig;
import io.tollgate.gateway.config.ProductConfigParser;
import io.tollgate.gateway.credentials.CredentialsExtractor;
import io.tollgate.gateway.mapping.MappingRules;
import io.tollgate.gateway.policy.PolicyChain;
import io.tollgate.gateway.policy.PolicyContext;
import io.tollgate.gateway.policy.PolicyRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the next image from the products a loader found, compiling only what changed: a product
 * whose fingerprint equals the one in the previous image is taken over as it is (its policies keep
 * their state), so swapping an image of 10,000 products costs what its changes cost.
 *
 * <p>An invalid product is rejected on its own, with a message naming it and the field; if the
 * previous image had a valid version of it, that version keeps serving. A host claimed by two
 * products goes to the one with the lower id (the older one: a new product cannot take over another's
 * host, whichever tenant it belongs to), and the other's claim is rejected.
 */
public final class ImageBuilder {
    private final PolicyRegistry registry;
    private final PolicyContext context;

    public ImageBuilder(PolicyRegistry registry, PolicyContext context) {
        this.registry = requireNonNull(registry, "registry");
        this.context = requireNonNull(context, "context");
    }

    /**
     * What a build produced.
     *
     * @param image the new image
     * @param rejected one message per rejected product or host claim (for the log)
     * @param retired products of the previous image the new one no longer holds (close them once in-flight
     *     requests are done)
     * @param compiled how many products were compiled anew
     */
    public record Result(GatewayImage image, List<String> rejected, List<CompiledProduct> retired, int compiled) {
    }

    /**
     * An image of exactly {@code sources} (products of the previous image not listed are dropped).
     *
     * @param previous the image being replaced
     * @param sources every product the environment serves now
     * @param source where they came from (for logs)
     * @param now the build time
     */
    public Result build(GatewayImage previous, List<ProductSource> sources, String source, Instant now) {
        return assemble(previous, sources, source, now, false);
    }

    /** The previous image with {@code sources} added or replacing the same products (the lazy loader). */
    public Result merge(GatewayImage previous, List<ProductSource> sources, String source, Instant now) {
        return assemble(previous, sources, source, now, true);
    }

    /**
     * Checks one policy chain entry's configuration for {@code product} the way the chain will (the entry's
     * policy is created, then closed at once), for loaders that want to name where a bad entry was written.
     *
     * @throws ConfigException with the policy's own message ({@code username: missing …})
     */
    public void check(ProductConfig.PolicyConfig entry, ProductConfig product) {
        io.tollgate.gateway.policy.PolicyFactory factory = registry.find(entry.name()).orElseThrow(
                () -> new ConfigException("unknown policy \"" + entry.name() + "\""));
        factory.create(entry.configuration(), product, context).close();
    }

    /** Compiles one product (tests, the config check command). */
    public CompiledProduct compile(ProductSource source) {
        ProductConfig config = ProductConfigParser.parse(source.content());
        return compile(config, source);
    }

    private Result assemble(GatewayImage previous, List<ProductSource> sources, String source, Instant now,
            boolean keepOthers) {
        List<String> rejected = new ArrayList<>();
        Map<Long, CompiledProduct> products = new HashMap<>();
        if (keepOthers) {
            products.putAll(previous.byId());
        }
        Set<Long> seen = new HashSet<>();
        int compiled = 0;
        for (ProductSource s : sources) {
            long id = s.id();
            if (id >= 0 && !seen.add(id)) {
                rejected.add("product " + id + ": listed twice; the first one is used");
                continue;
            }
            CompiledProduct old = previous.byId().get(id);
            if (old != null && old.source().fingerprint().equals(s.fingerprint())) {
                products.put(id, old);
                continue;
            }
            try {
                ProductConfig config = ProductConfigParser.parse(s.content());
                products.put(config.id(), compile(config, s));
                compiled++;
            } catch (ConfigException e) {
                rejected.add(e.getMessage() + (old != null ? " (version " + old.source().version()
                        + " keeps serving)" : " (not served)"));
                if (old != null) {
                    products.put(id, old);
                }
            }
        }
        Map<String, CompiledProduct> byHost = hosts(products, rejected);
        Map<Integer, CompiledProduct> byPort = ports(products, rejected);
        List<CompiledProduct> retired = retired(previous, products);
        GatewayImage image = new GatewayImage(byHost, byPort, products, previous.generation() + 1, now, source);
        return new Result(image, rejected, retired, compiled);
    }

    private CompiledProduct compile(ProductConfig config, ProductSource source) {
        MappingRules rules;
        CredentialsExtractor credentials;
        try {
            rules = MappingRules.compile(config.rules());
            credentials = CredentialsExtractor.of(config.backendVersion(), config.credentials());
        } catch (ConfigException e) {
            throw e.at(config.label());
        }
        PolicyChain chain;
        try {
            chain = PolicyChain.build(config, registry, context);
        } catch (ConfigException e) {
            throw e.at(config.label());
        }
        return new CompiledProduct(config, source.compact(), rules, credentials, chain);
    }

    private static Map<String, CompiledProduct> hosts(Map<Long, CompiledProduct> products, List<String> rejected) {
        Map<String, CompiledProduct> byHost = new HashMap<>();
        products.values().stream().sorted((a, b) -> Long.compare(a.config().id(), b.config().id())).forEach(p -> {
            for (String host : p.config().hosts()) {
                CompiledProduct owner = byHost.putIfAbsent(host, p);
                if (owner != null && owner != p) {
                    rejected.add(p.config().label() + ": host " + host + " is already served by "
                            + owner.config().label() + "; not served for this product");
                }
            }
        });
        return byHost;
    }

    /** Listener ports, like hosts: a port claimed twice stays with the lower product id. */
    private static Map<Integer, CompiledProduct> ports(Map<Long, CompiledProduct> products, List<String> rejected) {
        Map<Integer, CompiledProduct> byPort = new HashMap<>();
        products.values().stream().filter(p -> p.config().listener() != null)
                .sorted((a, b) -> Long.compare(a.config().id(), b.config().id())).forEach(p -> {
                    int port = p.config().listener().port();
                    CompiledProduct owner = byPort.putIfAbsent(port, p);
                    if (owner != null) {
                        rejected.add(p.config().label() + ": listener port " + port + " is already "
                                + owner.config().label() + "'s; not served on it");
                    }
                });
        return byPort;
    }

    private static List<CompiledProduct> retired(GatewayImage previous, Map<Long, CompiledProduct> kept) {
        Set<CompiledProduct> alive = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        alive.addAll(kept.values());
        List<CompiledProduct> retired = new ArrayList<>();
        for (CompiledProduct p : previous.products()) {
            if (!alive.contains(p)) {
                retired.add(p);
            }
        }
        return retired;
    }
}
