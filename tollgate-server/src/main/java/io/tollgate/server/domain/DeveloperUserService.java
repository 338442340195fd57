package io.tollgate.server.domain;

import io.tollgate.common.Errors;
import io.tollgate.common.Passwords;
import io.tollgate.common.TollgateException;
import io.tollgate.common.ValidationException;
import io.tollgate.model.Account;
import io.tollgate.model.User;
import io.tollgate.server.http.DeleteRefusedException;
import io.tollgate.server.http.Fields;
import io.tollgate.store.Database;
import io.tollgate.store.DeveloperDao;
import io.tollgate.store.UserDao;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * Users of a tenant's developer accounts, with role admin or member and state pending, active or
 * suspended. Usernames and emails are unique across all developer users of the tenant, as 3scale
 * requires of a provider's buyers; an account always keeps at least one admin.
 */
public final class DeveloperUserService {
    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";
    public static final String PENDING = "pending";
    public static final String ACTIVE = "active";
    public static final String SUSPENDED = "suspended";
    private static final List<String> ROLES = List.of(ADMIN, MEMBER);

    private final Database database;
    private final Clock clock;

    public DeveloperUserService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public List<User> list(long tenantId, long accountId) {
        return database.read(h -> {
            account(h, tenantId, accountId);
            return h.attach(UserDao.class).listByAccount(accountId);
        });
    }

    public User find(long tenantId, long accountId, long id) {
        return database.read(h -> user(h, tenantId, accountId, id));
    }

    /** Creates a pending user (as 3scale does: it is activated later); role defaults to member. */
    public User create(long tenantId, long accountId, Fields fields) {
        Errors errors = new Errors();
        TenantService.AdminUser given = new TenantService.AdminUser(fields.string("username").orElse(null),
                fields.string("email").orElse(null), fields.string("password").orElse(null));
        TenantService.validateAdmin(given, false, errors);
        String role = fields.nonBlank("role").orElse(MEMBER);
        Validation.inList("role", role, ROLES, errors);
        errors.throwIfAny();
        return database.write(h -> {
            // Locks first: on MariaDB a transaction's reads see the snapshot of its first plain read.
            h.attach(DeveloperDao.class).lockAccount(tenantId);
            account(h, tenantId, accountId);
            lockAndCheckUnique(h, tenantId, given.username(), given.email(), null);
            return insert(h, accountId, given, role, PENDING, clock.instant());
        });
    }

    /** Updates username, email and password; role and state change only through their routes. */
    public User update(long tenantId, long accountId, long id, Fields fields) {
        return database.write(h -> {
            h.attach(DeveloperDao.class).lockAccount(tenantId);
            User current = user(h, tenantId, accountId, id);
            TenantService.AdminUser changed = new TenantService.AdminUser(
                    fields.string("username").orElse(current.username()),
                    fields.string("email").orElse(current.email()), fields.string("password").orElse(null));
            Errors errors = new Errors();
            TenantService.validateAdmin(changed, false, errors);
            errors.throwIfAny();
            lockAndCheckUnique(h, tenantId, changed.username(), changed.email(), id);
            DeveloperDao developers = h.attach(DeveloperDao.class);
            Instant now = clock.instant();
            developers.updateUser(id, changed.username(), changed.email(), now);
            if (changed.password() != null && !changed.password().isEmpty()) {
                developers.setPasswordHash(id, Passwords.hash(changed.password()), now);
            }
            return user(h, tenantId, accountId, id);
        });
    }

    /** Makes the user an admin or a member; the last admin of an account stays an admin. */
    public User changeRole(long tenantId, long accountId, long id, String role) {
        return database.write(h -> {
            h.attach(DeveloperDao.class).lockAccount(accountId);
            User current = user(h, tenantId, accountId, id);
            if (MEMBER.equals(role) && isLastAdmin(h, current)) {
                throw ValidationException.of("role", "cannot be changed for the last admin of the account");
            }
            h.attach(DeveloperDao.class).setRole(id, role, clock.instant());
            return user(h, tenantId, accountId, id);
        });
    }

    public User suspend(long tenantId, long accountId, long id) {
        return setState(tenantId, accountId, id, SUSPENDED, null);
    }

    /** A suspended user becomes active again; other states are left as they are. */
    public User unsuspend(long tenantId, long accountId, long id) {
        return setState(tenantId, accountId, id, ACTIVE, SUSPENDED);
    }

    /** A pending user becomes active; other states are left as they are. */
    public User activate(long tenantId, long accountId, long id) {
        return setState(tenantId, accountId, id, ACTIVE, PENDING);
    }

    /** Deletes the user, unless it is the account's last admin (403). */
    public void delete(long tenantId, long accountId, long id) {
        database.write(h -> {
            h.attach(DeveloperDao.class).lockAccount(accountId);
            User current = user(h, tenantId, accountId, id);
            if (isLastAdmin(h, current)) {
                throw new DeleteRefusedException("last admin of the account cannot be deleted");
            }
            return h.attach(DeveloperDao.class).deleteUser(id);
        });
    }

    private User setState(long tenantId, long accountId, long id, String state, String onlyFrom) {
        return database.write(h -> {
            User current = user(h, tenantId, accountId, id);
            if (onlyFrom == null || onlyFrom.equals(current.state())) {
                h.attach(DeveloperDao.class).setUserState(id, state, clock.instant());
            }
            return user(h, tenantId, accountId, id);
        });
    }

    /** Call with the account's row locked, so two concurrent demotions or deletions cannot both pass. */
    private static boolean isLastAdmin(Handle h, User user) {
        return ADMIN.equals(user.role()) && h.attach(DeveloperDao.class).countAdmins(user.accountId()) <= 1;
    }

    /** The tenant's developer account {@code id}, or 404. */
    static Account account(Handle h, long tenantId, long id) {
        return h.attach(DeveloperDao.class).findAccount(tenantId, id).orElseThrow(TollgateException::notFound);
    }

    private static User user(Handle h, long tenantId, long accountId, long id) {
        return h.attach(DeveloperDao.class).findUser(tenantId, id)
                .filter(u -> u.accountId() == accountId)
                .orElseThrow(TollgateException::notFound);
    }

    /**
     * Locks the tenant (callers that read before this lock it first themselves), then checks that no
     * other developer user of the tenant has this username
     * or email ({@code exceptUserId} is the user being updated, or null).
     */
    static void lockAndCheckUnique(Handle h, long tenantId, String username, String email, Long exceptUserId) {
        DeveloperDao developers = h.attach(DeveloperDao.class);
        developers.lockAccount(tenantId);
        Errors errors = new Errors();
        if (developers.findUsersByUsername(tenantId, username).stream()
                .anyMatch(u -> !Objects.equals(u.id(), exceptUserId))) {
            errors.add("username", "has already been taken");
        }
        if (developers.findUsersByEmail(tenantId, email).stream()
                .anyMatch(u -> !Objects.equals(u.id(), exceptUserId))) {
            errors.add("email", "has already been taken");
        }
        errors.throwIfAny();
    }

    static User insert(Handle h, long accountId, TenantService.AdminUser given, String role, String state,
            Instant now) {
        UserDao users = h.attach(UserDao.class);
        String hash = given.password() == null || given.password().isEmpty() ? null
                : Passwords.hash(given.password());
        long id = users.insert(accountId, given.username(), given.email(), hash, role, state, now);
        return users.find(id).orElseThrow();
    }
}
