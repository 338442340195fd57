package io.tollgate.server.domain;

import io.tollgate.common.Errors;
import io.tollgate.common.Passwords;
import io.tollgate.common.Secrets;
import io.tollgate.common.SystemNames;
import io.tollgate.common.TollgateException;
import io.tollgate.common.ValidationException;
import io.tollgate.model.AccessToken;
import io.tollgate.model.Account;
import io.tollgate.model.AccountKind;
import io.tollgate.model.TokenPermission;
import io.tollgate.model.TokenScope;
import io.tollgate.model.User;
import io.tollgate.server.http.Fields;
import io.tollgate.store.AccessTokenDao;
import io.tollgate.store.AccountDao;
import io.tollgate.store.Database;
import io.tollgate.store.Page;
import io.tollgate.store.UserDao;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Tenants (provider accounts) and the master account. A tenant is created with its admin user and
 * a read-write access token, in one transaction; deleting a tenant deletes everything it owns.
 */
public final class TenantService {
    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.@+\\-]{1,255}");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final String ADMIN_SUFFIX = "-admin";
    private static final Map<String, String> STATE_EVENTS = Map.of("approve", "approved", "suspend", "suspended",
            "resume", "approved", "make_pending", "pending");

    /** A new tenant with the token value, which is shown only now. */
    public record Signup(Account account, User admin, AccessToken token, String tokenValue, String providerKey) {
    }

    /** Who the first admin of a new account is. */
    public record AdminUser(String username, String email, String password) {
    }

    private final Database database;
    private final Clock clock;

    public TenantService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Master API signup: org_name, username, email and password are required. */
    public Signup signup(long masterId, Fields fields) {
        Errors errors = new Errors();
        String orgName = fields.string("org_name").orElse(null);
        Validation.required("org_name", orgName, errors);
        Validation.maxLength("org_name", orgName, 255, errors);
        AdminUser admin = new AdminUser(fields.string("username").orElse(null), fields.string("email").orElse(null),
                fields.string("password").orElse(null));
        validateAdmin(admin, true, errors);
        Optional<String> explicit = fields.nonBlank("subdomain").map(s -> s.trim().toLowerCase(Locale.ROOT));
        String subdomain = explicit.orElseGet(() -> orgName == null ? null
                : SystemNames.derive(orgName).replace('_', '-'));
        if (explicit.isPresent() || (orgName != null && !orgName.isBlank())) {
            validateSubdomain(subdomain, errors);
        }
        errors.throwIfAny();
        return database.write(h -> createTenant(h, masterId, orgName, subdomain, admin, null,
                List.of(TokenScope.ACCOUNT_MANAGEMENT)));
    }

    /**
     * Creates a tenant inside an open transaction.
     *
     * @param tokenValue the admin token to install, or null to generate one
     */
    public Signup createTenant(Handle h, long masterId, String orgName, String subdomain, AdminUser admin,
            String tokenValue, List<TokenScope> scopes) {
        AccountDao accounts = h.attach(AccountDao.class);
        if (accounts.findBySubdomain(subdomain).isPresent()) {
            throw ValidationException.of("subdomain", "has already been taken");
        }
        Instant now = clock.instant();
        String providerKey = Secrets.newToken();
        long accountId = accounts.insert(AccountKind.PROVIDER.wire(), masterId, orgName, subdomain, "approved",
                null, null, null, null, Secrets.sha256(providerKey), now);
        User user = insertAdmin(h, accountId, admin, now);
        String value = tokenValue == null ? Secrets.newToken() : tokenValue;
        AccessToken token = insertToken(h, user, "Administration", scopes, TokenPermission.RW, value, now);
        return new Signup(accounts.find(accountId).orElseThrow(), user, token, value, providerKey);
    }

    /** Creates the master account, its admin user and its token, inside an open transaction. */
    public Signup createMaster(Handle h, AdminUser admin, String tokenValue) {
        Instant now = clock.instant();
        String providerKey = Secrets.newToken();
        AccountDao accounts = h.attach(AccountDao.class);
        long accountId = accounts.insert(AccountKind.MASTER.wire(), null, "Master", "master", "approved",
                null, null, null, null, Secrets.sha256(providerKey), now);
        User user = insertAdmin(h, accountId, admin, now);
        AccessToken token = insertToken(h, user, "Master administration", List.of(TokenScope.values()),
                TokenPermission.RW, tokenValue, now);
        return new Signup(accounts.find(accountId).orElseThrow(), user, token, tokenValue, providerKey);
    }

    public List<Account> list(long masterId, Page page) {
        return database.read(h -> h.attach(AccountDao.class)
                .listOwned(masterId, AccountKind.PROVIDER.wire(), page.limit(), page.offset()));
    }

    public Account find(long masterId, long id) {
        return database.read(h -> tenant(h, masterId, id));
    }

    public List<User> users(long accountId) {
        return database.read(h -> h.attach(UserDao.class).listByAccount(accountId));
    }

    public Account update(long masterId, long id, Fields fields) {
        return database.write(h -> {
            Account current = tenant(h, masterId, id);
            return updateAccount(h, current, fields, true);
        });
    }

    /**
     * Updates an account's name, contact fields and (for the master) its state; shared with the
     * tenant's own {@code /admin/api/provider} endpoint, which may not change the state.
     */
    public Account updateAccount(Handle h, Account current, Fields fields, boolean allowStateEvent) {
        Errors errors = new Errors();
        String orgName = fields.string("org_name").orElse(current.orgName());
        Validation.required("org_name", orgName, errors);
        Validation.maxLength("org_name", orgName, 255, errors);
        Account.Contact c = current.contact();
        String support = optional(fields, "support_email", c.supportEmail());
        String finance = optional(fields, "finance_support_email", c.financeSupportEmail());
        String from = optional(fields, "from_email", c.fromEmail());
        String siteAccessCode = optional(fields, "site_access_code", c.siteAccessCode());
        Validation.email("support_email", support, errors);
        Validation.email("finance_support_email", finance, errors);
        Validation.email("from_email", from, errors);
        String state = current.state();
        Optional<String> event = fields.nonBlank("state_event");
        if (event.isPresent() && allowStateEvent) {
            state = STATE_EVENTS.get(event.get());
            if (state == null) {
                errors.add("state_event", "is not included in the list");
            }
        }
        errors.throwIfAny();
        AccountDao accounts = h.attach(AccountDao.class);
        accounts.update(current.id(), orgName, state, support, finance, from, siteAccessCode, clock.instant());
        return accounts.find(current.id()).orElseThrow();
    }

    /** The field's new value when given (an empty string clears it), else the current one. */
    private static String optional(Fields fields, String name, String current) {
        return fields.has(name) ? fields.string(name).filter(s -> !s.isEmpty()).orElse(null) : current;
    }

    /** Deletes the tenant and, through the schema's cascades, everything it owns. */
    public void delete(long masterId, long id) {
        database.write(h -> {
            tenant(h, masterId, id);
            return h.attach(AccountDao.class).delete(id);
        });
    }

    /**
     * The subdomain names the tenant's hosts ({@code <sub>.<domain>}, {@code <sub>-admin.<domain>},
     * product endpoints), so it must be a host name label and unique as one: lower case, no '_'
     * (which host names turn into '-'), and not ending in "-admin", which would be another
     * tenant's admin host.
     */
    private static void validateSubdomain(String subdomain, Errors errors) {
        if (subdomain == null || subdomain.isBlank()) {
            errors.add("subdomain", "can't be blank");
        } else if (subdomain.length() > 255) {
            errors.add("subdomain", "is too long (maximum is 255 characters)");
        } else if (!SUBDOMAIN.matcher(subdomain).matches()) {
            errors.add("subdomain", "invalid. Only letters, numbers and dashes (not at either end) are allowed");
        } else if (subdomain.endsWith(ADMIN_SUFFIX)) {
            errors.add("subdomain", "is reserved");
        }
    }

    private static Account tenant(Handle h, long masterId, long id) {
        return h.attach(AccountDao.class).find(id)
                .filter(a -> a.kind() == AccountKind.PROVIDER && Long.valueOf(masterId).equals(a.providerAccountId()))
                .orElseThrow(TollgateException::notFound);
    }

    /** Checks username, email and (when required) password of a first admin. */
    public static void validateAdmin(AdminUser admin, boolean passwordRequired, Errors errors) {
        Validation.required("username", admin.username(), errors);
        if (admin.username() != null && !admin.username().isBlank()
                && !USERNAME.matcher(admin.username()).matches()) {
            errors.add("username", "should use only letters, numbers, and .-_@+");
        }
        Validation.required("email", admin.email(), errors);
        Validation.email("email", admin.email(), errors);
        if (passwordRequired) {
            Validation.required("password", admin.password(), errors);
        }
        if (admin.password() != null && !admin.password().isEmpty() && admin.password().length() < 8) {
            errors.add("password", "is too short (minimum is 8 characters)");
        }
    }

    private static User insertAdmin(Handle h, long accountId, AdminUser admin, Instant now) {
        UserDao users = h.attach(UserDao.class);
        String hash = admin.password() == null || admin.password().isEmpty() ? null : Passwords.hash(admin.password());
        long id = users.insert(accountId, admin.username(), admin.email(), hash, "admin", "active", now);
        return users.find(id).orElseThrow();
    }

    /** Inserts a token for {@code user}; only the digest of {@code value} is stored. */
    public static AccessToken insertToken(Handle h, User user, String name, List<TokenScope> scopes,
            TokenPermission permission, String value, Instant now) {
        AccessTokenDao tokens = h.attach(AccessTokenDao.class);
        long id = tokens.insert(user.id(), user.accountId(), name, AccessTokenDao.scopesColumn(scopes),
                permission.wire(), Secrets.sha256(value), null, now);
        return tokens.findOfUser(user.id(), id).orElseThrow();
    }
}
