package io.tollgate.server.domain;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.common.Errors;
import io.tollgate.common.SystemNames;
import io.tollgate.common.ValidationException;
import io.tollgate.model.BackendApi;
import io.tollgate.model.Json;
import io.tollgate.model.Product;
import io.tollgate.model.Proxy;
import io.tollgate.server.http.Fields;
import io.tollgate.store.BackendApiDao;
import io.tollgate.store.BackendUsageDao;
import io.tollgate.store.Database;
import io.tollgate.store.GatewayApiDao;
import io.tollgate.store.GatewayApiDao.GatewayApi;
import io.tollgate.store.GatewayDao.Gateway;
import io.tollgate.store.ProductDao;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * API instances (SPEC A1): a product placed on a registered gateway and a listener port. Creating one
 * creates, in one transaction, the product (named by the API's reference name), a backend whose private
 * endpoint is the upstream, the usage of that backend at {@code /}, an empty policy chain (no
 * {@code apicast}: every request on the port goes to the upstream, unmetered) and the placement; then
 * deploys to sandbox and, for a production gateway, promotes to production, in the same transaction.
 * Every change deploys again. Deleting one deletes its product (and its backend, when nothing else uses it).
 */
public final class GatewayApiService {
    public static final int DEFAULT_PORT = 8081;
    static final List<String> SCHEMES = List.of("http", "https");

    private final Database database;
    private final Clock clock;
    private final ProductService products;
    private final BackendApiService backends;
    private final BackendUsageService usages;
    private final GatewayApis apis;

    public GatewayApiService(Database database, Clock clock, EndpointDefaults endpoints) {
        this.database = requireNonNull(database, "database");
        this.clock = requireNonNull(clock, "clock");
        this.products = new ProductService(database, clock, endpoints);
        this.backends = new BackendApiService(database, clock);
        this.usages = new BackendUsageService(database, clock);
        this.apis = new GatewayApis(clock, new ProxyConfigs(clock));
    }

    /** The listener's scheme with its PEM texts (null for http). */
    private record Listener(int port, String scheme, String certificatePem, String keyPem) {
    }

    /**
     * Takes {@code gateway}, {@code name}, {@code upstream} (required), {@code port} (default
     * {@value #DEFAULT_PORT}), {@code scheme} (default http) and, for https, {@code certificate} and
     * {@code private_key}.
     */
    public GatewayApiView create(long accountId, Fields fields) {
        Errors errors = new Errors();
        Optional<String> gatewayRef = fields.nonBlank("gateway").map(String::trim);
        if (gatewayRef.isEmpty()) {
            errors.add("gateway", "can't be blank");
        }
        String name = fields.string("name").map(String::trim).orElse(null);
        SystemNames.validate("name", name, SystemNames.ENTITY, errors);
        String upstream = upstream(fields.string("upstream").map(String::trim).orElse(null), errors);
        Listener listener = listener(fields, new Listener(DEFAULT_PORT, "http", null, null), errors);
        return database.write(h -> {
            Gateway gateway = null;
            try {
                gateway = gatewayRef.map(ref -> GatewayApis.gateway(h, accountId, ref, false)).orElse(null);
            } catch (ValidationException e) {
                e.errors().forEach((field, messages) -> messages.forEach(m -> errors.add(field, m)));
            }
            errors.throwIfAny();
            GatewayApis.checkPortFree(h, gateway, listener.port(), Optional.empty());
            Product product = products.create(h, accountId, fields(Json.MAPPER.createObjectNode().put("name", name)
                    .put("system_name", name)));
            if (h.attach(BackendApiDao.class).findBySystemName(accountId, name).isPresent()) {
                throw ValidationException.of("name", "a backend with system name " + name + " already exists (an"
                        + " API's backend takes the API's name)");
            }
            BackendApi backend = backends.create(h, accountId, fields(Json.MAPPER.createObjectNode().put("name", name)
                    .put("system_name", name).put("private_endpoint", upstream)));
            usages.create(h, accountId, product.id(), fields(Json.MAPPER.createObjectNode()
                    .put("backend_api_id", backend.id()).put("path", BackendUsageService.DEFAULT_PATH)));
            Proxy proxy = GatewayApis.lockProxy(h, product.id());
            apis.saveChain(h, proxy, List.of());
            long id = h.attach(GatewayApiDao.class).insert(accountId, product.id(), gateway.id(), listener.port(),
                    listener.scheme(), listener.certificatePem(), listener.keyPem(), clock.instant());
            apis.deploy(h, product, gateway);
            return GatewayApis.view(h, h.attach(GatewayApiDao.class).find(accountId, id).orElseThrow());
        });
    }

    /** The tenant's API instances in id order, only those on {@code gateway} (id or name) when given. */
    public List<GatewayApiView> list(long accountId, Optional<String> gateway) {
        return database.read(h -> {
            GatewayApiDao dao = h.attach(GatewayApiDao.class);
            List<GatewayApi> placed = gateway.isPresent()
                    ? dao.listByGateway(accountId, GatewayApis.gateway(h, accountId, gateway.get(), true).id())
                    : dao.list(accountId);
            return placed.stream().map(api -> GatewayApis.view(h, api)).toList();
        });
    }

    /** By id or name; 404 for an unknown one or another tenant's. */
    public GatewayApiView find(long accountId, String ref) {
        return database.read(h -> GatewayApis.view(h, GatewayApis.find(h, accountId, ref)));
    }

    /**
     * Changes the upstream, port, scheme and PEM texts given (absent ones keep their value), then
     * deploys. The gateway and the name are fixed: delete the API and create it again to change them.
     */
    public GatewayApiView update(long accountId, String ref, Fields fields) {
        return database.write(h -> {
            GatewayApi current = GatewayApis.find(h, accountId, ref);
            Product product = h.attach(ProductDao.class).find(accountId, current.serviceId()).orElseThrow();
            GatewayApiView view = GatewayApis.view(h, current);
            Errors errors = new Errors();
            Optional<String> upstream = fields.has("upstream")
                    ? Optional.ofNullable(upstream(fields.string("upstream").map(String::trim).orElse(null), errors))
                    : Optional.empty();
            Listener listener = listener(fields, new Listener(current.port(), current.scheme(),
                    current.certificatePem(), current.privateKey()), errors);
            fields.nonBlank("gateway").map(String::trim).filter(g -> !g.equals(view.gateway().name())
                    && !g.equals(String.valueOf(view.gateway().id())))
                    .ifPresent(g -> errors.add("gateway", "can't be changed (delete the API and create it on the"
                            + " other gateway)"));
            if (upstream.isPresent() && view.backend() == null) {
                errors.add("upstream", "can't be set: the product no longer uses a backend at /");
            }
            errors.throwIfAny();
            GatewayApis.checkPortFree(h, view.gateway(), listener.port(), Optional.of(current.id()));
            GatewayApis.lockProxy(h, product.id());
            if (upstream.isPresent()) {
                BackendApi b = view.backend();
                h.attach(BackendApiDao.class).update(accountId, b.id(), b.name(), b.description(), upstream.get(),
                        Annotations.json(b.annotations()), clock.instant());
            }
            h.attach(GatewayApiDao.class).update(accountId, current.id(), listener.port(), listener.scheme(),
                    listener.certificatePem(), listener.keyPem(), clock.instant());
            apis.deploy(h, product, view.gateway());
            return GatewayApis.view(h, h.attach(GatewayApiDao.class).find(accountId, current.id()).orElseThrow());
        });
    }

    /**
     * Deletes the API's product (its proxy configurations and placement go with it, so it leaves
     * its gateway's listing) and the API's backend unless another product uses it too.
     */
    public void delete(long accountId, String ref) {
        database.write(h -> {
            GatewayApi api = GatewayApis.find(h, accountId, ref);
            Optional<BackendApi> backend = GatewayApis.upstream(h, api);
            h.attach(ProductDao.class).delete(accountId, api.serviceId());
            backend.ifPresent(b -> deleteIfUnused(h, accountId, b));
            return null;
        });
    }

    private static void deleteIfUnused(Handle h, long accountId, BackendApi backend) {
        BackendApiDao dao = h.attach(BackendApiDao.class);
        // The same lock BackendUsageService takes before adding a usage.
        dao.lock(accountId, backend.id());
        if (h.attach(BackendUsageDao.class).listByBackend(backend.id()).isEmpty()) {
            dao.delete(accountId, backend.id());
        }
    }

    private static Fields fields(ObjectNode node) {
        return Fields.of(node, null);
    }

    private static String upstream(String upstream, Errors errors) {
        Validation.required("upstream", upstream, errors);
        Validation.maxLength("upstream", upstream, BackendApiService.MAX_ENDPOINT_LENGTH, errors);
        if (!errors.has("upstream")) {
            Validation.absoluteUrl("upstream", upstream, SCHEMES, errors);
        }
        return upstream;
    }

    /** Port, scheme and PEM texts from {@code fields} over {@code current}; an http listener has no PEM texts. */
    private static Listener listener(Fields fields, Listener current, Errors errors) {
        int port = current.port();
        Optional<Long> given = fields.integer("port", errors);
        if (given.isPresent() && (given.get() < 1 || given.get() > 65535)) {
            errors.add("port", given.get() + " is out of range (expected: 1..65535)");
        } else if (given.isPresent()) {
            port = given.get().intValue();
        }
        String scheme = fields.nonBlank("scheme").map(String::trim).orElse(current.scheme());
        if (!SCHEMES.contains(scheme)) {
            errors.add("scheme", "'" + scheme + "' is not included in the list (expected: http or https)");
            return new Listener(port, current.scheme(), null, null);
        }
        Optional<String> certificate = fields.nonBlank("certificate");
        Optional<String> key = fields.nonBlank("private_key");
        if (scheme.equals("http")) {
            certificate.ifPresent(c -> errors.add("certificate", "is only allowed with scheme https"));
            key.ifPresent(k -> errors.add("private_key", "is only allowed with scheme https"));
            return new Listener(port, scheme, null, null);
        }
        String certificatePem = certificate.orElse(current.certificatePem());
        String keyPem = key.orElse(current.keyPem());
        ListenerTls.check(certificatePem, keyPem, errors);
        return new Listener(port, scheme, certificatePem, keyPem);
    }
}
