package io.tollgate.server.domain;

import io.tollgate.common.Errors;
import io.tollgate.common.TollgateException;
import io.tollgate.model.Account;
import io.tollgate.model.AccountKind;
import io.tollgate.model.User;
import io.tollgate.server.http.Fields;
import io.tollgate.store.AccountDao;
import io.tollgate.store.Database;
import io.tollgate.store.DeveloperDao;
import io.tollgate.store.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Developer (buyer) accounts of a tenant: signup with a first admin user, updates, state changes
 * (approved, pending, rejected), lookups by a user's email, username or id, and deletion, which
 * takes the account's users with it (the schema cascades).
 */
public final class DeveloperAccountService {
    public static final String APPROVED = "approved";
    public static final String PENDING = "pending";
    public static final String REJECTED = "rejected";

    private final Database database;
    private final Clock clock;

    public DeveloperAccountService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The tenant's developer accounts, optionally only those in {@code state}. */
    public List<Account> list(long tenantId, Optional<String> state, Page page) {
        return database.read(h -> {
            DeveloperDao developers = h.attach(DeveloperDao.class);
            return state.isPresent()
                    ? developers.listAccountsInState(tenantId, state.get(), page.limit(), page.offset())
                    : developers.listAccounts(tenantId, page.limit(), page.offset());
        });
    }

    public Account find(long tenantId, long id) {
        return database.read(h -> DeveloperUserService.account(h, tenantId, id));
    }

    /**
     * The account of the tenant's developer user matching {@code email}, else {@code username},
     * else {@code user_id} (the first parameter given decides; 404 when it matches nobody).
     */
    public Account findBy(long tenantId, Fields query) {
        return database.read(h -> {
            DeveloperDao developers = h.attach(DeveloperDao.class);
            Optional<User> user;
            if (query.nonBlank("email").isPresent()) {
                user = developers.findUsersByEmail(tenantId, query.nonBlank("email").get()).stream().findFirst();
            } else if (query.nonBlank("username").isPresent()) {
                user = developers.findUsersByUsername(tenantId, query.nonBlank("username").get()).stream()
                        .findFirst();
            } else {
                user = query.nonBlank("user_id").flatMap(DeveloperAccountService::parseId)
                        .flatMap(id -> developers.findUser(tenantId, id));
            }
            return user.flatMap(u -> developers.findAccount(tenantId, u.accountId()))
                    .orElseThrow(TollgateException::notFound);
        });
    }

    /** Creates an approved account and its first admin user (active) in one transaction. */
    public Account signup(long tenantId, Fields fields) {
        Errors errors = new Errors();
        String orgName = fields.string("org_name").orElse(null);
        Validation.required("org_name", orgName, errors);
        Validation.maxLength("org_name", orgName, 255, errors);
        TenantService.AdminUser admin = new TenantService.AdminUser(fields.string("username").orElse(null),
                fields.string("email").orElse(null), fields.string("password").orElse(null));
        TenantService.validateAdmin(admin, false, errors);
        errors.throwIfAny();
        return database.write(h -> {
            DeveloperUserService.lockAndCheckUnique(h, tenantId, admin.username(), admin.email(), null);
            Instant now = clock.instant();
            AccountDao accounts = h.attach(AccountDao.class);
            long id = accounts.insert(AccountKind.BUYER.wire(), tenantId, orgName, null, APPROVED,
                    null, null, null, null, null, now);
            DeveloperUserService.insert(h, id, admin, DeveloperUserService.ADMIN, DeveloperUserService.ACTIVE, now);
            return accounts.find(id).orElseThrow();
        });
    }

    /** Updates org_name; other fields are ignored. */
    public Account update(long tenantId, long id, Fields fields) {
        return database.write(h -> {
            Account current = DeveloperUserService.account(h, tenantId, id);
            Errors errors = new Errors();
            String orgName = fields.string("org_name").orElse(current.orgName());
            Validation.required("org_name", orgName, errors);
            Validation.maxLength("org_name", orgName, 255, errors);
            errors.throwIfAny();
            h.attach(DeveloperDao.class).renameAccount(id, orgName, clock.instant());
            return DeveloperUserService.account(h, tenantId, id);
        });
    }

    /** Moves the account to {@code state} (approved, pending or rejected). */
    public Account changeState(long tenantId, long id, String state) {
        return database.write(h -> {
            DeveloperUserService.account(h, tenantId, id);
            h.attach(DeveloperDao.class).setAccountState(id, state, clock.instant());
            return DeveloperUserService.account(h, tenantId, id);
        });
    }

    public void delete(long tenantId, long id) {
        database.write(h -> {
            DeveloperUserService.account(h, tenantId, id);
            return h.attach(AccountDao.class).delete(id);
        });
    }

    private static Optional<Long> parseId(String value) {
        String v = value.trim();
        if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(v));
    }
}
