package io.tollgate.server.domain;

import static java.util.Objects.requireNonNull;

import io.tollgate.common.TollgateException;
import io.tollgate.common.ValidationException;
import io.tollgate.model.BackendApi;
import io.tollgate.model.BackendUsage;
import io.tollgate.model.PolicyConfig;
import io.tollgate.model.Product;
import io.tollgate.model.Proxy;
import io.tollgate.model.ProxyConfig;
import io.tollgate.store.BackendApiDao;
import io.tollgate.store.BackendUsageDao;
import io.tollgate.store.GatewayApiDao;
import io.tollgate.store.GatewayApiDao.GatewayApi;
import io.tollgate.store.GatewayDao;
import io.tollgate.store.GatewayDao.Gateway;
import io.tollgate.store.ProductDao;
import io.tollgate.store.ProxyConfigDao;
import io.tollgate.store.ProxyDao;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * What the API instance services share, inside a caller's transaction: finding an API by id or name
 * and a gateway by id or name (tenant-scoped), saving a chain and "Save &amp; deploy" (a sandbox version,
 * promoted to production when the gateway is a production one), and the view the API answers.
 */
final class GatewayApis {
    private final Clock clock;
    private final ProxyConfigs configs;

    GatewayApis(Clock clock, ProxyConfigs configs) {
        this.clock = requireNonNull(clock, "clock");
        this.configs = requireNonNull(configs, "configs");
    }

    /** The tenant's API with this id, else the one whose product has this system name; else 404. */
    static GatewayApi find(Handle h, long accountId, String ref) {
        GatewayApiDao apis = h.attach(GatewayApiDao.class);
        if (ref == null || ref.isBlank()) {
            throw TollgateException.notFound();
        }
        if (ref.length() <= 18 && ref.chars().allMatch(Character::isDigit)) {
            Optional<GatewayApi> byId = apis.find(accountId, Long.parseLong(ref));
            if (byId.isPresent()) {
                return byId.get();
            }
        }
        return h.attach(ProductDao.class).findBySystemName(accountId, ref)
                .flatMap(p -> apis.findByService(accountId, p.id())).orElseThrow(TollgateException::notFound);
    }

    /**
     * The tenant's gateway named by {@code ref} (its id, or its name when that is unique across the
     * environments); anything else is 422 on {@code gateway}.
     *
     * @param allowDeleted whether a deleted gateway is acceptable (to list what is still placed on it)
     */
    static Gateway gateway(Handle h, long accountId, String ref, boolean allowDeleted) {
        GatewayDao gateways = h.attach(GatewayDao.class);
        Optional<Gateway> byId = ref.length() <= 18 && ref.chars().allMatch(Character::isDigit)
                ? gateways.findById(Long.parseLong(ref)).filter(g -> g.accountId() == accountId) : Optional.empty();
        List<Gateway> byName = byId.isPresent() ? List.of(byId.get()) : List.of("production", "staging").stream()
                .map(env -> gateways.findByName(accountId, env, ref)).flatMap(Optional::stream).toList();
        List<Gateway> live = byName.stream().filter(g -> !g.deleted()).toList();
        if (live.size() > 1) {
            throw ValidationException.of("gateway", "'" + ref + "' names a gateway in production and one in staging"
                    + " (expected: the id of one of them)");
        }
        if (live.size() == 1) {
            return live.get(0);
        }
        if (!byName.isEmpty()) {
            if (allowDeleted) {
                return byName.get(0);
            }
            throw ValidationException.of("gateway", "'" + ref + "' was deleted (expected: a registered gateway)");
        }
        throw ValidationException.of("gateway", "'" + ref + "' is not a registered gateway of this account");
    }

    /** 422 on {@code port} when another API of the gateway listens on it. */
    static void checkPortFree(Handle h, Gateway gateway, int port, Optional<Long> except) {
        Optional<GatewayApi> taken = h.attach(GatewayApiDao.class).findByPort(gateway.id(), port)
                .filter(a -> except.map(id -> id != a.id()).orElse(true));
        if (taken.isPresent()) {
            String other = h.attach(ProductDao.class).find(taken.get().accountId(), taken.get().serviceId())
                    .map(Product::systemName).orElse("#" + taken.get().id());
            throw ValidationException.of("port", port + " is already used by API " + other + " on gateway "
                    + gateway.name());
        }
    }

    /** Locks the product's proxy row (one writer numbers its versions at a time) and returns the proxy. */
    static Proxy lockProxy(Handle h, long productId) {
        return h.attach(ProxyDao.class).lockByProduct(productId).orElseThrow(TollgateException::notFound);
    }

    /** Saves {@code chain} as the product's policy chain (the proxy row must be locked). */
    void saveChain(Handle h, Proxy proxy, List<PolicyConfig> chain) {
        h.attach(ProxyDao.class).update(proxy.serviceId(), proxy.settings(), chain, proxy.oidcConfiguration(),
                clock.instant());
    }

    /**
     * Save &amp; deploy: a new sandbox version of the product's current configuration and, for a
     * production gateway, its promotion to production (the proxy row must be locked). The admin
     * server's after-write hook then tells waiting gateways.
     */
    void deploy(Handle h, Product product, Gateway gateway) {
        ProxyConfig sandbox = configs.deploy(h, product);
        if ("production".equals(gateway.environment())) {
            configs.promote(h, product, sandbox);
        }
    }

    /** The proxy configuration environment a gateway of {@code gatewayEnvironment} loads. */
    static String configEnvironment(String gatewayEnvironment) {
        return "production".equals(gatewayEnvironment) ? ProxyConfig.PRODUCTION : ProxyConfig.SANDBOX;
    }

    static GatewayApiView view(Handle h, GatewayApi api) {
        Product product = h.attach(ProductDao.class).find(api.accountId(), api.serviceId()).orElseThrow();
        Gateway gateway = h.attach(GatewayDao.class).findById(api.gatewayId()).orElseThrow();
        Proxy proxy = h.attach(ProxyDao.class).findByProduct(product.id()).orElseThrow();
        Integer version = h.attach(ProxyConfigDao.class).latest(product.id(), configEnvironment(gateway.environment()))
                .map(ProxyConfig::version).orElse(null);
        return new GatewayApiView(api, product, upstream(h, api).orElse(null), gateway, proxy.policiesConfig(),
                version);
    }

    /** The backend the product uses at {@code /}: the API's upstream. */
    static Optional<BackendApi> upstream(Handle h, GatewayApi api) {
        return h.attach(BackendUsageDao.class).listByProduct(api.serviceId()).stream()
                .filter(u -> BackendUsageService.DEFAULT_PATH.equals(u.path())).findFirst()
                .map(BackendUsage::backendApiId)
                .flatMap(id -> h.attach(BackendApiDao.class).find(api.accountId(), id));
    }
}
