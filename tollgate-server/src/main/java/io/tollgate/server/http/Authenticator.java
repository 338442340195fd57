package io.tollgate.server.http;

import io.tollgate.common.Secrets;
import io.tollgate.model.AccessToken;
import io.tollgate.model.Account;
import io.tollgate.model.AccountKind;
import io.tollgate.model.TokenPermission;
import io.tollgate.model.TokenScope;
import io.tollgate.model.User;
import io.tollgate.store.AccessTokenDao;
import io.tollgate.store.AccountDao;
import io.tollgate.store.Database;
import io.tollgate.store.UserDao;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Resolves credentials to a {@link Principal}. Blocking: call it from a worker thread. */
public final class Authenticator {
    private static final Set<String> INACTIVE_ACCOUNT_STATES = Set.of("suspended", "scheduled_for_deletion");

    private final Database database;
    private final Clock clock;
    private final String internalTokenDigest;

    public Authenticator(Database database, Clock clock) {
        this(database, clock, null);
    }

    /**
     * @param internalToken a token that exists only in this process's memory and reads as the master
     *     with read-only account-management access (what an in-process gateway polls with); null for none
     */
    public Authenticator(Database database, Clock clock, String internalToken) {
        this.database = database;
        this.clock = clock;
        this.internalTokenDigest = internalToken == null ? null : Secrets.sha256(internalToken);
    }

    public Optional<Principal> authenticate(Credentials credentials) {
        if (credentials.accessToken() != null && internalTokenDigest != null && java.security.MessageDigest.isEqual(
                internalTokenDigest.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                Secrets.sha256(credentials.accessToken()).getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            return database.read(handle -> handle.attach(AccountDao.class).findMaster()).map(master -> new Principal(
                    master, null, EnumSet.of(TokenScope.ACCOUNT_MANAGEMENT), TokenPermission.RO));
        }
        if (credentials.accessToken() != null) {
            return database.read(handle -> byAccessToken(handle, credentials.accessToken()));
        }
        if (credentials.providerKey() != null) {
            return database.read(handle -> byProviderKey(handle, credentials.providerKey()));
        }
        return Optional.empty();
    }

    private Optional<Principal> byAccessToken(org.jdbi.v3.core.Handle handle, String value) {
        Optional<AccessToken> token = handle.attach(AccessTokenDao.class).findByValueHash(Secrets.sha256(value));
        if (token.isEmpty() || token.get().isExpired(clock.instant())) {
            return Optional.empty();
        }
        Optional<User> user = handle.attach(UserDao.class).find(token.get().userId());
        if (user.isEmpty() || !"active".equals(user.get().state())) {
            return Optional.empty();
        }
        return activeAdminAccount(handle, user.get().accountId()).map(account -> new Principal(account,
                user.get().id(), EnumSet.copyOf(token.get().scopes()), token.get().permission()));
    }

    private Optional<Principal> byProviderKey(org.jdbi.v3.core.Handle handle, String value) {
        return handle.attach(AccountDao.class).findByProviderKeyHash(Secrets.sha256(value))
                .flatMap(account -> activeAdminAccount(handle, account.id()))
                .map(account -> new Principal(account, null, EnumSet.allOf(TokenScope.class), TokenPermission.RW));
    }

    /** Only the master and tenants use the admin API, and only while they are not suspended. */
    private static Optional<Account> activeAdminAccount(org.jdbi.v3.core.Handle handle, long accountId) {
        return handle.attach(AccountDao.class).find(accountId)
                .filter(a -> a.kind() == AccountKind.MASTER || a.kind() == AccountKind.PROVIDER)
                .filter(a -> !INACTIVE_ACCOUNT_STATES.contains(a.state()));
    }
}
