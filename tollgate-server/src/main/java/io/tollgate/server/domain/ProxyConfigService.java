package io.tollgate.server.domain;

import static java.util.Objects.requireNonNull;

import io.tollgate.common.Errors;
import io.tollgate.common.TollgateException;
import io.tollgate.common.ValidationException;
import io.tollgate.model.Product;
import io.tollgate.model.Proxy;
import io.tollgate.model.ProxyConfig;
import io.tollgate.server.http.Fields;
import io.tollgate.store.Database;
import io.tollgate.store.Page;
import io.tollgate.store.ProxyConfigDao;
import io.tollgate.store.ProxyDao;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Proxy configurations: deploy to sandbox, promote a sandbox version to production, and read the
 * versions per product or, for gateways, across the tenant. {@code staging} is another name of
 * {@code sandbox} wherever an environment is named; any other name is "not found".
 */
public final class ProxyConfigService {
    private final Database database;
    private final ProxyConfigs configs;

    public ProxyConfigService(Database database, ProxyConfigs configs) {
        this.database = requireNonNull(database, "database");
        this.configs = requireNonNull(configs, "configs");
    }

    /** A deploy's result: the proxy (what the API answers) and the new sandbox version. */
    public record Deployment(Proxy proxy, ProxyConfig config) {
    }

    /** The environment named in a path: sandbox (or staging) or production; anything else is 404. */
    public static String environment(String name) {
        return switch (name == null ? "" : name) {
            case "sandbox", "staging" -> ProxyConfig.SANDBOX;
            case "production" -> ProxyConfig.PRODUCTION;
            default -> throw TollgateException.notFound();
        };
    }

    /** Always creates sandbox version N+1, even when the content did not change. */
    public Deployment deploy(long accountId, long productId) {
        return database.write(h -> {
            Product product = locked(h, accountId, productId);
            ProxyConfig config = configs.deploy(h, product);
            return new Deployment(h.attach(ProxyDao.class).findByProduct(productId).orElseThrow(), config);
        });
    }

    public List<ProxyConfig> list(long accountId, long productId, String environment, Page page) {
        return database.read(h -> {
            Ownership.product(h, accountId, productId);
            return h.attach(ProxyConfigDao.class).list(productId, environment, page.limit(), page.offset());
        });
    }

    public ProxyConfig latest(long accountId, long productId, String environment) {
        return database.read(h -> {
            Ownership.product(h, accountId, productId);
            return h.attach(ProxyConfigDao.class).latest(productId, environment)
                    .orElseThrow(TollgateException::notFound);
        });
    }

    public ProxyConfig version(long accountId, long productId, String environment, long version) {
        return database.read(h -> version(h, accountId, productId, environment, version));
    }

    /**
     * Copies the content of a sandbox version to production as production version N+1. A new
     * version is created even when production already has the same content, as 3scale does.
     *
     * @param fields {@code to}: must be "production"
     */
    public ProxyConfig promote(long accountId, long productId, String environment, long version, Fields fields) {
        if (!ProxyConfig.SANDBOX.equals(environment)) {
            throw TollgateException.notFound();
        }
        return database.write(h -> {
            ProxyConfig source = version(h, accountId, productId, environment, version);
            String to = fields.string("to").map(String::trim).orElse("");
            if (to.isEmpty()) {
                throw ValidationException.of("to", "can't be blank");
            }
            if (!ProxyConfig.PRODUCTION.equals(to)) {
                throw ValidationException.of("to", "is not included in the list");
            }
            return configs.promote(h, locked(h, accountId, productId), source);
        });
    }

    /**
     * For each of the tenant's products (in id order) its latest configuration in the environment,
     * or exactly {@code version}; only those answering for {@code host} when given.
     *
     * @param host    a host as a client sends it: case and any port are ignored
     * @param version "latest" (also when absent or blank) or a version number; else 422
     */
    public List<ProxyConfig> ofAccount(long accountId, String environment, Optional<String> host,
            Optional<String> version, Page page) {
        Errors errors = new Errors();
        Optional<Long> number = versionNumber(version.map(String::trim).filter(v -> !v.isEmpty()), errors);
        errors.throwIfAny();
        Optional<String> hostName = host.map(ProxyConfigService::hostName).filter(h -> !h.isEmpty());
        return database.read(h -> h.attach(ProxyConfigDao.class).ofAccount(accountId, environment, hostName,
                number, page));
    }

    /**
     * {@link #ofAccount} across every tenant that may use the API (the master endpoint gateways bound
     * to all tenants poll).
     */
    public List<ProxyConfig> ofActiveTenants(String environment, Optional<String> host, Optional<String> version,
            Page page) {
        Errors errors = new Errors();
        Optional<Long> number = versionNumber(version.map(String::trim).filter(v -> !v.isEmpty()), errors);
        errors.throwIfAny();
        Optional<String> hostName = host.map(ProxyConfigService::hostName).filter(h -> !h.isEmpty());
        return database.read(h -> h.attach(ProxyConfigDao.class).ofActiveTenants(environment, hostName, number, page));
    }

    private static Optional<Long> versionNumber(Optional<String> version, Errors errors) {
        if (version.isEmpty() || version.get().equals("latest")) {
            return Optional.empty();
        }
        String text = version.get();
        if (text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
            errors.add("version", "must be latest or a version number");
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }

    /** "API.Example.com:8443" → "api.example.com"; "[::1]:80" → "[::1]". */
    static String hostName(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon >= 0 && h.indexOf(']') < colon && (h.startsWith("[") || h.indexOf(':') == colon)) {
            h = h.substring(0, colon);
        }
        return h;
    }

    private static ProxyConfig version(Handle h, long accountId, long productId, String environment, long version) {
        Ownership.product(h, accountId, productId);
        return h.attach(ProxyConfigDao.class).findVersion(productId, environment, version)
                .orElseThrow(TollgateException::notFound);
    }

    /** The product, after locking its proxy row: versions of one product are numbered one writer at a time. */
    private static Product locked(Handle h, long accountId, long productId) {
        Product product = Ownership.product(h, accountId, productId);
        h.attach(ProxyDao.class).lockByProduct(productId).orElseThrow(TollgateException::notFound);
        return product;
    }
}
