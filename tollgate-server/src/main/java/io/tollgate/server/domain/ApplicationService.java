package io.tollgate.server.domain;

import io.tollgate.common.Errors;
import io.tollgate.common.TollgateException;
import io.tollgate.common.ValidationException;
import io.tollgate.model.Application;
import io.tollgate.model.ApplicationPlan;
import io.tollgate.model.Product;
import io.tollgate.server.http.Fields;
import io.tollgate.store.ApplicationDao;
import io.tollgate.store.Database;
import io.tollgate.store.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Applications of a tenant's developer accounts. An application subscribes to one plan, whose
 * product decides the credentials: backend version {@code 1} a user key, {@code 2} an application
 * id and keys, {@code oidc} a client id (the application id) and secret (its key) with a redirect
 * URL. New applications are live, or pending when their plan requires approval.
 */
public final class ApplicationService {
    private final Database database;
    private final Clock clock;

    public ApplicationService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public List<Application> list(long tenantId, long buyerId) {
        return database.read(h -> {
            DeveloperUserService.account(h, tenantId, buyerId);
            return h.attach(ApplicationDao.class).listByBuyer(tenantId, buyerId);
        });
    }

    /** The tenant's applications, optionally only of a product and/or plan (0: any). */
    public List<Application> listAll(long tenantId, long serviceId, long planId, Page page) {
        return database.read(h -> h.attach(ApplicationDao.class).listByTenant(tenantId, serviceId, planId,
                page.limit(), page.offset()));
    }

    public Application find(long tenantId, long buyerId, long id) {
        return database.read(h -> application(h, tenantId, buyerId, id));
    }

    /**
     * The application with the given {@code user_key}, else {@code app_id}, else
     * {@code application_id} (internal id): the first parameter given decides; with
     * {@code service_id} it must also be of that product. 404 when nothing matches.
     */
    public Application findBy(long tenantId, Fields query) {
        Optional<Long> serviceId = query.nonBlank("service_id").map(ApplicationService::parseId);
        return database.read(h -> {
            ApplicationDao applications = h.attach(ApplicationDao.class);
            List<Application> found;
            if (query.nonBlank("user_key").isPresent()) {
                found = applications.findByUserKey(tenantId, query.nonBlank("user_key").get());
            } else if (query.nonBlank("app_id").isPresent()) {
                found = applications.findByAppId(tenantId, query.nonBlank("app_id").get()).stream().toList();
            } else {
                found = query.nonBlank("application_id").map(ApplicationService::parseId)
                        .flatMap(id -> applications.find(tenantId, id)).stream().toList();
            }
            return found.stream().filter(a -> serviceId.isEmpty() || serviceId.get() == a.serviceId())
                    .findFirst().orElseThrow(TollgateException::notFound);
        });
    }

    public Application create(long tenantId, long buyerId, Fields fields) {
        return database.write(h -> {
            DeveloperUserService.account(h, tenantId, buyerId);
            Errors errors = new Errors();
            String name = fields.string("name").map(String::trim).orElse(null);
            Validation.required("name", name, errors);
            Validation.maxLength("name", name, 255, errors);
            String description = fields.string("description").orElse(null);
            Optional<Long> planId = fields.nonBlank("plan_id").map(ApplicationService::parseId);
            if (planId.isEmpty()) {
                errors.add("plan_id", "can't be blank");
            }
            errors.throwIfAny();
            ApplicationPlan plan = PlanLookup.plan(h, tenantId, planId.get());
            Product product = Ownership.product(h, tenantId, plan.serviceId());
            ApplicationDao applications = h.attach(ApplicationDao.class);
            String userKey = null;
            String appId = null;
            String redirectUrl = null;
            if ("1".equals(product.backendVersion())) {
                userKey = ApplicationCredentials.givenOrRandom(fields.nonBlank("user_key"), "user_key", 16, errors);
            } else {
                appId = ApplicationCredentials.givenOrRandom(fields.nonBlank("application_id"), "application_id", 4,
                        errors);
                if ("oidc".equals(product.backendVersion())) {
                    redirectUrl = fields.nonBlank("redirect_url").map(String::trim).orElse(null);
                    Validation.maxLength("redirect_url", redirectUrl, 1024, errors);
                }
            }
            errors.throwIfAny();
            if (userKey != null && applications.countUserKey(product.id(), userKey) > 0) {
                throw ValidationException.of("user_key", "has already been taken");
            }
            if (appId != null && applications.findByAppId(tenantId, appId).isPresent()) {
                throw ValidationException.of("application_id", "has already been taken");
            }
            String state = plan.approvalRequired() ? Application.PENDING : Application.LIVE;
            Instant now = clock.instant();
            long id = applications.insert(new ApplicationDao.NewApplication(tenantId, buyerId, product.id(),
                    plan.id(), name, description, state, userKey, appId, redirectUrl), now);
            if (appId != null) {
                Optional<String> key = fields.nonBlank("application_key");
                ApplicationCredentials.addKey(h, id, key.orElseGet(() -> ApplicationCredentials.random(16)), now);
            }
            return applications.find(tenantId, id).orElseThrow();
        });
    }

    /** Updates name, description and (OIDC) redirect_url; other fields are ignored. */
    public Application update(long tenantId, long buyerId, long id, Fields fields) {
        return database.write(h -> {
            Application current = application(h, tenantId, buyerId, id);
            Errors errors = new Errors();
            String name = fields.has("name") ? fields.string("name").map(String::trim).orElse(null) : current.name();
            Validation.required("name", name, errors);
            Validation.maxLength("name", name, 255, errors);
            String description = fields.has("description") ? fields.string("description").orElse(null)
                    : current.description();
            String redirectUrl = current.redirectUrl();
            if (fields.has("redirect_url") && current.appId() != null
                    && "oidc".equals(Ownership.product(h, tenantId, current.serviceId()).backendVersion())) {
                redirectUrl = fields.nonBlank("redirect_url").map(String::trim).orElse(null);
                Validation.maxLength("redirect_url", redirectUrl, 1024, errors);
            }
            errors.throwIfAny();
            ApplicationDao applications = h.attach(ApplicationDao.class);
            applications.update(id, name, description, redirectUrl, clock.instant());
            return applications.find(tenantId, id).orElseThrow();
        });
    }

    public Application suspend(long tenantId, long buyerId, long id) {
        return setState(tenantId, buyerId, id, Application.SUSPENDED, null);
    }

    public Application resume(long tenantId, long buyerId, long id) {
        return setState(tenantId, buyerId, id, Application.LIVE, null);
    }

    /** Turns a pending application live; 422 on state when it is not pending. */
    public Application accept(long tenantId, long buyerId, long id) {
        return setState(tenantId, buyerId, id, Application.LIVE, Application.PENDING);
    }

    /** Moves the application to another plan of the same product (422 on plan_id otherwise). */
    public Application changePlan(long tenantId, long buyerId, long id, Fields fields) {
        return database.write(h -> {
            Application current = application(h, tenantId, buyerId, id);
            Optional<Long> planId = fields.nonBlank("plan_id").map(ApplicationService::parseId);
            if (planId.isEmpty()) {
                throw ValidationException.of("plan_id", "can't be blank");
            }
            Optional<ApplicationPlan> plan = planId.flatMap(p -> h.attach(io.tollgate.store.ApplicationPlanDao.class)
                    .find(tenantId, p));
            if (plan.isEmpty() || plan.get().serviceId() != current.serviceId()) {
                throw ValidationException.of("plan_id", "must be a plan of the application's product");
            }
            ApplicationDao applications = h.attach(ApplicationDao.class);
            applications.setPlan(id, plan.get().id(), clock.instant());
            return applications.find(tenantId, id).orElseThrow();
        });
    }

    public void delete(long tenantId, long buyerId, long id) {
        database.write(h -> h.attach(ApplicationDao.class).delete(application(h, tenantId, buyerId, id).id()));
    }

    public List<String> keys(long tenantId, long buyerId, long id) {
        return database.read(h -> h.attach(ApplicationDao.class)
                .keys(application(h, tenantId, buyerId, id).id()));
    }

    /** Adds an application key (at most five, unique per application). */
    public Application addKey(long tenantId, long buyerId, long id, Fields fields) {
        return database.write(h -> {
            application(h, tenantId, buyerId, id);
            ApplicationDao applications = h.attach(ApplicationDao.class);
            applications.lock(id);
            Instant now = clock.instant();
            ApplicationCredentials.addKey(h, id, fields.string("key").orElse(null), now);
            applications.touch(id, now);
            return applications.find(tenantId, id).orElseThrow();
        });
    }

    /** Deletes an application key; 404 when the application has no such key. */
    public void deleteKey(long tenantId, long buyerId, long id, String key) {
        database.write(h -> {
            application(h, tenantId, buyerId, id);
            ApplicationDao applications = h.attach(ApplicationDao.class);
            if (applications.deleteKey(id, key) == 0) {
                throw TollgateException.notFound();
            }
            return applications.touch(id, clock.instant());
        });
    }

    private Application setState(long tenantId, long buyerId, long id, String state, String requiredState) {
        return database.write(h -> {
            Application current = application(h, tenantId, buyerId, id);
            if (requiredState != null && !requiredState.equals(current.state())) {
                throw ValidationException.of("state", "cannot transition via \"accept\"");
            }
            ApplicationDao applications = h.attach(ApplicationDao.class);
            applications.setState(id, state, clock.instant());
            return applications.find(tenantId, id).orElseThrow();
        });
    }

    /** The tenant's application of the developer account; 404 otherwise. */
    static Application application(Handle h, long tenantId, long buyerId, long id) {
        DeveloperUserService.account(h, tenantId, buyerId);
        Application application = h.attach(ApplicationDao.class).find(tenantId, id)
                .orElseThrow(TollgateException::notFound);
        if (application.buyerAccountId() != buyerId) {
            throw TollgateException.notFound();
        }
        return application;
    }

    /** A numeric id, or -1 (which matches nothing) for anything else. */
    private static long parseId(String value) {
        String v = value.trim();
        if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(v);
    }
}
