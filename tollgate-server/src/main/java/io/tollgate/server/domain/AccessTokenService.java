package io.tollgate.server.domain;

import io.tollgate.common.Errors;
import io.tollgate.common.Secrets;
import io.tollgate.common.TollgateException;
import io.tollgate.model.AccessToken;
import io.tollgate.model.TokenPermission;
import io.tollgate.model.TokenScope;
import io.tollgate.model.User;
import io.tollgate.server.http.Fields;
import io.tollgate.store.AccessTokenDao;
import io.tollgate.store.Database;
import io.tollgate.store.Page;
import io.tollgate.store.UserDao;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Personal access tokens of a tenant's users. The value is generated here, returned once, and
 * stored only as its SHA-256 digest, so a lost value cannot be recovered, only replaced.
 *
 * <p>Calls name the user as {@code userId}; {@code null} means "the caller authenticated with the
 * provider key", whose tokens are those of the tenant's first admin.
 */
public final class AccessTokenService {

    /** A newly created token with its value, which is shown only in the create response. */
    public record Issued(AccessToken token, String value) {
    }

    private final Database database;
    private final Clock clock;

    public AccessTokenService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public List<AccessToken> list(long accountId, Long userId, Page page) {
        return database.read(h -> {
            User user = user(h, accountId, userId);
            return h.attach(AccessTokenDao.class).listOfUser(user.id(), page.limit(), page.offset());
        });
    }

    public AccessToken find(long accountId, Long userId, long id) {
        return database.read(h -> token(h, user(h, accountId, userId), id));
    }

    /** Creates a token for {@code userId}, which must be a user of the tenant (404 otherwise). */
    public Issued create(long accountId, Long userId, Fields fields) {
        Errors errors = new Errors();
        String name = fields.string("name").map(String::trim).orElse(null);
        Validation.required("name", name, errors);
        Validation.maxLength("name", name, 255, errors);
        String permissionText = fields.nonBlank("permission").orElse(null);
        Validation.required("permission", permissionText, errors);
        TokenPermission permission = permissionText == null ? null
                : TokenPermission.fromWire(permissionText).orElse(null);
        if (permissionText != null && permission == null) {
            errors.add("permission", "is not included in the list");
        }
        List<TokenScope> scopes = TokenFields.scopes(fields.node("scopes"), errors);
        Instant now = clock.instant();
        Instant expiresAt = TokenFields.expiresAt(fields, now, errors);
        return database.write(h -> {
            User user = user(h, accountId, userId);
            // Ownership first: a caller naming another tenant's user learns nothing from a 422.
            errors.throwIfAny();
            String value = Secrets.newToken();
            AccessTokenDao tokens = h.attach(AccessTokenDao.class);
            long id = tokens.insert(user.id(), user.accountId(), name, AccessTokenDao.scopesColumn(scopes),
                    permission.wire(), Secrets.sha256(value), expiresAt, now);
            return new Issued(tokens.findOfUser(user.id(), id).orElseThrow(), value);
        });
    }

    /** Deletes the token; it stops authenticating at once. */
    public void delete(long accountId, Long userId, long id) {
        database.write(h -> h.attach(AccessTokenDao.class).delete(token(h, user(h, accountId, userId), id).id()));
    }

    private static AccessToken token(Handle h, User user, long id) {
        return h.attach(AccessTokenDao.class).findOfUser(user.id(), id).orElseThrow(TollgateException::notFound);
    }

    private static User user(Handle h, long accountId, Long userId) {
        UserDao users = h.attach(UserDao.class);
        if (userId == null) {
            return users.firstAdmin(accountId).orElseThrow(TollgateException::notFound);
        }
        return users.find(userId).filter(u -> u.accountId() == accountId).orElseThrow(TollgateException::notFound);
    }
}
