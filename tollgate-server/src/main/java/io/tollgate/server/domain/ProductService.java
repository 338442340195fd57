package io.tollgate.server.domain;

import io.tollgate.common.Errors;
import io.tollgate.common.Secrets;
import io.tollgate.common.SystemNames;
import io.tollgate.common.TollgateException;
import io.tollgate.model.Account;
import io.tollgate.model.Metric;
import io.tollgate.model.OidcConfiguration;
import io.tollgate.model.PolicyConfig;
import io.tollgate.model.Product;
import io.tollgate.model.ProxySettings;
import io.tollgate.server.http.Fields;
import io.tollgate.store.AccountDao;
import io.tollgate.store.Database;
import io.tollgate.store.MetricDao;
import io.tollgate.store.Page;
import io.tollgate.store.ProductDao;
import io.tollgate.store.ProxyDao;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Products: create (with their hits metric, proxy, default policy chain and a service token),
 * update, delete.
 */
public final class ProductService {
    public static final Set<String> BACKEND_VERSIONS = Set.of("1", "2", "oidc");
    public static final Set<String> DEPLOYMENT_OPTIONS = Set.of("hosted", "self_managed", "service_mesh_istio");
    /** Whether applications must pass a referrer matching their filters (default false). */
    public static final String REFERRER_FILTERS_REQUIRED = "referrer_filters_required";
    private static final Map<String, String> STATE_EVENTS = Map.of("publish", "published", "hide", "hidden",
            "deprecate", "deprecated");

    private final Database database;
    private final Clock clock;
    private final EndpointDefaults endpoints;

    public ProductService(Database database, Clock clock, EndpointDefaults endpoints) {
        this.database = database;
        this.clock = clock;
        this.endpoints = endpoints;
    }

    public List<Product> list(long accountId, Page page) {
        return database.read(h -> h.attach(ProductDao.class).list(accountId, page.limit(), page.offset()));
    }

    public Product find(long accountId, long id) {
        return database.read(h -> Ownership.product(h, accountId, id));
    }

    public Product create(long accountId, Fields fields) {
        return database.write(h -> create(h, accountId, fields));
    }

    /** {@link #create(long, Fields)} inside the caller's transaction (an API instance creates its product so). */
    Product create(Handle h, long accountId, Fields fields) {
        Errors errors = new Errors();
        Validation.Naming naming = Validation.naming(fields, "name", SystemNames.ENTITY, errors);
        String name = naming.name();
        String systemName = naming.systemName();
        String backendVersion = fields.nonBlank("backend_version").orElse("1");
        Validation.inList("backend_version", backendVersion, BACKEND_VERSIONS, errors);
        String deploymentOption = fields.nonBlank("deployment_option").orElse("hosted");
        Validation.inList("deployment_option", deploymentOption, DEPLOYMENT_OPTIONS, errors);
        String supportEmail = fields.string("support_email").filter(s -> !s.isEmpty()).orElse(null);
        Validation.email("support_email", supportEmail, errors);
        String state = stateAfter("incomplete", fields, errors);
        Map<String, String> annotations = fields.stringMap("annotations", errors).orElse(Map.of());
        boolean referrerFiltersRequired = fields.bool(REFERRER_FILTERS_REQUIRED, errors).orElse(false);
        errors.throwIfAny();

        ProductDao products = h.attach(ProductDao.class);
        if (products.findBySystemName(accountId, systemName).isPresent()) {
            throw io.tollgate.common.ValidationException.of("system_name", "has already been taken");
        }
        Instant now = clock.instant();
        long id = products.insert(accountId, name, systemName, fields.string("description").orElse(null), state,
                backendVersion, deploymentOption, supportEmail, Annotations.json(annotations), now);
        h.attach(MetricDao.class).insert(accountId, io.tollgate.model.Owner.product(id), null, Metric.HITS,
                "Hits", "hit", "Number of API hits", now);
        String tenant = tenantName(h, accountId);
        ProxySettings settings = new ProxySettings(endpoints.production(systemName, tenant),
                endpoints.staging(systemName, tenant), null, ProxySettings.Credentials.DEFAULT,
                ProxySettings.GatewayResponses.DEFAULT, Secrets.randomHex(16), null, "/",
                ProxySettings.OidcIssuer.DEFAULT);
        h.attach(ProxyDao.class).insert(accountId, id, settings, PolicyConfig.defaultChain(),
                OidcConfiguration.DEFAULT, now);
        ServiceTokenService.issue(h, id, now);
        if (referrerFiltersRequired) {
            products.setReferrerFiltersRequired(accountId, id, true, now);
        }
        return products.find(accountId, id).orElseThrow();
    }

    /** Updates the given fields; system_name is fixed at creation and ignored here, as in 3scale. */
    public Product update(long accountId, long id, Fields fields) {
        return database.write(h -> {
            Product current = Ownership.product(h, accountId, id);
            Errors errors = new Errors();
            String name = fields.string("name").orElse(current.name());
            Validation.required("name", name, errors);
            Validation.maxLength("name", name, 255, errors);
            String backendVersion = fields.nonBlank("backend_version").orElse(current.backendVersion());
            Validation.inList("backend_version", backendVersion, BACKEND_VERSIONS, errors);
            String deploymentOption = fields.nonBlank("deployment_option").orElse(current.deploymentOption());
            Validation.inList("deployment_option", deploymentOption, DEPLOYMENT_OPTIONS, errors);
            String supportEmail = fields.has("support_email")
                    ? fields.string("support_email").filter(s -> !s.isEmpty()).orElse(null) : current.supportEmail();
            Validation.email("support_email", supportEmail, errors);
            String state = stateAfter(current.state(), fields, errors);
            Map<String, String> annotations = fields.stringMap("annotations", errors)
                    .map(a -> Annotations.merge(current.annotations(), a)).orElse(current.annotations());
            boolean referrerFiltersRequired = fields.bool(REFERRER_FILTERS_REQUIRED, errors)
                    .orElse(current.referrerFiltersRequired());
            errors.throwIfAny();
            String description = fields.has("description") ? fields.string("description").orElse(null)
                    : current.description();
            h.attach(ProductDao.class).update(accountId, id, name, description, state, backendVersion,
                    deploymentOption, supportEmail, Annotations.json(annotations), clock.instant());
            if (referrerFiltersRequired != current.referrerFiltersRequired()) {
                h.attach(ProductDao.class).setReferrerFiltersRequired(accountId, id, referrerFiltersRequired,
                        clock.instant());
            }
            return Ownership.product(h, accountId, id);
        });
    }

    /** Deletes the product and everything that belongs to it (metrics, rules, usages, proxy). */
    public void delete(long accountId, long id) {
        database.write(h -> {
            Ownership.product(h, accountId, id);
            return h.attach(ProductDao.class).delete(accountId, id);
        });
    }

    private static String stateAfter(String current, Fields fields, Errors errors) {
        Optional<String> event = fields.nonBlank("state_event");
        if (event.isEmpty()) {
            return current;
        }
        String next = STATE_EVENTS.get(event.get());
        if (next == null) {
            errors.add("state_event", "is not included in the list");
            return current;
        }
        return next;
    }

    private static String tenantName(Handle h, long accountId) {
        Account account = h.attach(AccountDao.class).find(accountId).orElseThrow(TollgateException::notFound);
        return account.subdomain() == null ? String.valueOf(account.id()) : account.subdomain();
    }
}
