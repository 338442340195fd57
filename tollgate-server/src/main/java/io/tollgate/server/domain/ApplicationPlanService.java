package io.tollgate.server.domain;

import io.tollgate.common.Errors;
import io.tollgate.common.SystemNames;
import io.tollgate.common.TollgateException;
import io.tollgate.common.ValidationException;
import io.tollgate.model.ApplicationPlan;
import io.tollgate.server.http.DeleteRefusedException;
import io.tollgate.server.http.Fields;
import io.tollgate.store.ApplicationDao;
import io.tollgate.store.ApplicationPlanDao;
import io.tollgate.store.Database;
import io.tollgate.store.Page;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Application plans of a product. New plans are hidden until a {@code state_event} of
 * {@code publish}; the system name is derived from the name unless given, unique per product and
 * fixed at creation; {@code custom} and {@code default} are not writable through the fields
 * (the default moves with {@link #makeDefault}).
 */
public final class ApplicationPlanService {
    private static final Map<String, String> STATE_EVENTS = Map.of(
            "publish", ApplicationPlan.PUBLISHED, "hide", ApplicationPlan.HIDDEN);
    private static final BigDecimal ZERO = new BigDecimal("0.0000");

    private final Database database;
    private final Clock clock;

    public ApplicationPlanService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public List<ApplicationPlan> list(long accountId, long productId) {
        return database.read(h -> {
            Ownership.product(h, accountId, productId);
            return h.attach(ApplicationPlanDao.class).listByProduct(productId);
        });
    }

    /** All plans of the tenant, across its products. */
    public List<ApplicationPlan> listAll(long accountId, Page page) {
        return database.read(h -> h.attach(ApplicationPlanDao.class).listByAccount(accountId, page.limit(),
                page.offset()));
    }

    public ApplicationPlan find(long accountId, long productId, long id) {
        return database.read(h -> plan(h, accountId, productId, id));
    }

    public ApplicationPlan create(long accountId, long productId, Fields fields) {
        return database.write(h -> {
            Ownership.product(h, accountId, productId);
            Errors errors = new Errors();
            Validation.Naming naming = Validation.naming(fields, "name", SystemNames.ENTITY, errors);
            ApplicationPlanDao.Values values = values(fields, naming.name(), null, errors);
            errors.throwIfAny();
            ApplicationPlanDao plans = h.attach(ApplicationPlanDao.class);
            if (plans.findBySystemName(productId, naming.systemName()).isPresent()) {
                throw ValidationException.of("system_name", "has already been taken");
            }
            long id = plans.insert(accountId, productId, naming.systemName(), values, clock.instant());
            return plans.find(accountId, id).orElseThrow();
        });
    }

    /** Updates the given fields (PUT and PATCH alike); system_name and read-only fields are ignored. */
    public ApplicationPlan update(long accountId, long productId, long id, Fields fields) {
        return database.write(h -> {
            ApplicationPlan current = plan(h, accountId, productId, id);
            Errors errors = new Errors();
            String name = fields.has("name") ? fields.string("name").map(String::trim).orElse(null) : current.name();
            Validation.required("name", name, errors);
            Validation.maxLength("name", name, 255, errors);
            ApplicationPlanDao.Values values = values(fields, name, current, errors);
            errors.throwIfAny();
            ApplicationPlanDao plans = h.attach(ApplicationPlanDao.class);
            plans.update(id, values, clock.instant());
            return plans.find(accountId, id).orElseThrow();
        });
    }

    /** Makes the plan its product's only default plan. */
    public ApplicationPlan makeDefault(long accountId, long productId, long id) {
        return database.write(h -> {
            plan(h, accountId, productId, id);
            ApplicationPlanDao plans = h.attach(ApplicationPlanDao.class);
            plans.lockProduct(productId);
            plans.makeDefault(productId, id, clock.instant());
            return plans.find(accountId, id).orElseThrow();
        });
    }

    /**
     * Deletes the plan with its limits, pricing rules and features; refused (403) while
     * applications use it.
     */
    public void delete(long accountId, long productId, long id) {
        database.write(h -> {
            ApplicationPlan plan = plan(h, accountId, productId, id);
            if (h.attach(ApplicationDao.class).countByPlan(plan.id()) > 0) {
                throw new DeleteRefusedException("This application plan cannot be deleted because it has applications");
            }
            return h.attach(ApplicationPlanDao.class).delete(plan.id());
        });
    }

    private static ApplicationPlanDao.Values values(Fields fields, String name, ApplicationPlan current,
            Errors errors) {
        String state = current == null ? ApplicationPlan.HIDDEN : current.state();
        Optional<String> event = fields.nonBlank("state_event");
        if (event.isPresent()) {
            String next = STATE_EVENTS.get(event.get());
            if (next == null) {
                errors.add("state_event", "is invalid");
            } else {
                state = next;
            }
        }
        boolean approval = fields.bool("approval_required", errors)
                .orElse(current != null && current.approvalRequired());
        BigDecimal setupFee = Amounts.money(fields, "setup_fee", errors)
                .orElse(current == null ? ZERO : current.setupFee());
        BigDecimal costPerMonth = Amounts.money(fields, "cost_per_month", errors)
                .orElse(current == null ? ZERO : current.costPerMonth());
        Integer trial = current == null ? null : current.trialPeriodDays();
        if (fields.has("trial_period_days")) {
            trial = Amounts.atLeast(fields, "trial_period_days", 0, true, errors).map(Long::intValue).orElse(null);
        }
        int cancellation = Amounts.atLeast(fields, "cancellation_period", 0, true, errors).map(Long::intValue)
                .orElse(current == null ? 0 : current.cancellationPeriod());
        return new ApplicationPlanDao.Values(name, state, approval, setupFee, costPerMonth, trial, cancellation);
    }

    private static ApplicationPlan plan(Handle h, long accountId, long productId, long id) {
        Ownership.product(h, accountId, productId);
        ApplicationPlan plan = PlanLookup.plan(h, accountId, id);
        if (plan.serviceId() != productId) {
            throw TollgateException.notFound();
        }
        return plan;
    }
}
