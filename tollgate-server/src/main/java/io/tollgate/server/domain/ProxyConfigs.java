package io.tollgate.server.domain;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.common.ValidationException;
import io.tollgate.model.BackendApi;
import io.tollgate.model.BackendUsage;
import io.tollgate.model.Json;
import io.tollgate.model.Metric;
import io.tollgate.model.Owner;
import io.tollgate.model.Product;
import io.tollgate.model.Proxy;
import io.tollgate.model.ProxyConfig;
import io.tollgate.server.domain.ProxyConfigContent.Inputs;
import io.tollgate.server.domain.ProxyConfigContent.Placement;
import io.tollgate.server.domain.ProxyConfigContent.UsedBackend;
import io.tollgate.store.BackendApiDao;
import io.tollgate.store.BackendUsageDao;
import io.tollgate.store.GatewayApiDao;
import io.tollgate.store.GatewayApiDao.GatewayApi;
import io.tollgate.store.GatewayDao;
import io.tollgate.store.GatewayDao.Gateway;
import io.tollgate.store.MappingRuleDao;
import io.tollgate.store.MetricDao;
import io.tollgate.store.Page;
import io.tollgate.store.ProxyConfigDao;
import io.tollgate.store.ProxyDao;
import io.tollgate.store.ServiceTokenDao;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Writes proxy configuration versions inside a caller's transaction: the one place that builds a
 * product's content and numbers versions. Callers hold the lock on the product's proxy row
 * ({@link ProxyDao#lockByProduct}), so two writers cannot take the same version number.
 */
public final class ProxyConfigs {
    static final String TOO_LONG = "is too long (maximum is 2 MB)";

    private final Clock clock;

    public ProxyConfigs(Clock clock) {
        this.clock = requireNonNull(clock, "clock");
    }

    /** A new sandbox version with the current content; 422 on {@code content} when over 2 MB. */
    ProxyConfig deploy(Handle h, Product product) {
        String content = content(h, product);
        if (ProxyConfigContent.tooLong(content)) {
            throw ValidationException.of("content", TOO_LONG);
        }
        return insert(h, product, ProxyConfig.SANDBOX, content);
    }

    /**
     * A new sandbox version when the current content differs from the latest sandbox content (or
     * there is none). Content over 2 MB is not deployed here; an explicit deploy reports it.
     */
    Optional<ProxyConfig> deployIfChanged(Handle h, Product product) {
        String content = content(h, product);
        Optional<ProxyConfig> latest = h.attach(ProxyConfigDao.class).latest(product.id(), ProxyConfig.SANDBOX);
        if (latest.map(c -> c.content().equals(content)).orElse(false) || ProxyConfigContent.tooLong(content)) {
            return Optional.empty();
        }
        return Optional.of(insert(h, product, ProxyConfig.SANDBOX, content));
    }

    /** A new production version with the content of {@code source}, even when production already has it. */
    ProxyConfig promote(Handle h, Product product, ProxyConfig source) {
        return insert(h, product, ProxyConfig.PRODUCTION, source.content());
    }

    private ProxyConfig insert(Handle h, Product product, String environment, String content) {
        ProxyConfigDao configs = h.attach(ProxyConfigDao.class);
        int version = configs.latest(product.id(), environment).map(ProxyConfig::version).orElse(0) + 1;
        long id = configs.insert(product.accountId(), product.id(), environment, version, content,
                hostsOf(content), clock.instant());
        return configs.find(id).orElseThrow();
    }

    /**
     * The hosts a content answers for, read from the content itself: a promoted version keeps the
     * hosts it was built with, whatever the proxy's endpoints are now.
     */
    private static List<String> hostsOf(String content) {
        List<String> hosts = new ArrayList<>();
        Json.read(content, JsonNode.class).path("proxy").path("hosts").forEach(node -> hosts.add(node.asText()));
        return hosts;
    }

    /** The product's current gateway configuration as JSON text. */
    String content(Handle h, Product product) {
        return ProxyConfigContent.text(inputs(h, product));
    }

    static Inputs inputs(Handle h, Product product) {
        Proxy proxy = h.attach(ProxyDao.class).findByProduct(product.id()).orElseThrow();
        MappingRuleDao rules = h.attach(MappingRuleDao.class);
        Owner owner = Owner.product(product.id());
        List<UsedBackend> backends = new ArrayList<>();
        for (BackendUsage usage : h.attach(BackendUsageDao.class).listByProduct(product.id())) {
            Optional<BackendApi> backend = h.attach(BackendApiDao.class).find(product.accountId(),
                    usage.backendApiId());
            Owner backendOwner = Owner.backend(usage.backendApiId());
            backend.ifPresent(b -> backends.add(new UsedBackend(usage, b, rules.list(backendOwner, Page.ALL),
                    metricNames(h, backendOwner))));
        }
        return new Inputs(product, proxy, rules.list(owner, Page.ALL), metricNames(h, owner), backends,
                h.attach(ServiceTokenDao.class).oldest(product.id()).orElse(null), placement(h, product));
    }

    /** The gateway and listener of a product placed on a gateway (an API instance), or null. */
    private static Placement placement(Handle h, Product product) {
        Optional<GatewayApi> placed = h.attach(GatewayApiDao.class).findByProduct(product.id());
        if (placed.isEmpty()) {
            return null;
        }
        GatewayApi api = placed.get();
        // Deleted or not: a placement on a gateway that was deleted still names it.
        Gateway gateway = h.attach(GatewayDao.class).findById(api.gatewayId()).orElseThrow();
        return new Placement(gateway.id(), gateway.name(), api.port(), api.scheme(), api.certificatePem(),
                api.privateKey());
    }

    private static Map<Long, String> metricNames(Handle h, Owner owner) {
        Map<Long, String> names = new HashMap<>();
        for (Metric metric : h.attach(MetricDao.class).list(owner, Page.ALL)) {
            names.put(metric.id(), metric.systemName());
        }
        return names;
    }
}
