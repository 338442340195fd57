package io.tollgate.server.gateway;

import static java.util.Objects.requireNonNull;

import io.tollgate.common.ErrorCode;
import io.tollgate.common.Errors;
import io.tollgate.common.Secrets;
import io.tollgate.common.TollgateException;
import io.tollgate.store.ConnectedAppDao;
import io.tollgate.store.ConnectedAppDao.ConnectedApp;
import io.tollgate.store.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Connected apps: a tenant's client id and secret with scopes, for renewing gateway certificates
 * without a person's password. The secret is random, shown once and kept as a SHA-256 digest.
 */
public final class ConnectedApps {
    /** The scopes a renewal needs. */
    public static final Set<Scope> RENEWAL = EnumSet.allOf(Scope.class);

    private final Database database;
    private final Clock clock;

    public ConnectedApps(Database database, Clock clock) {
        this.database = requireNonNull(database, "database");
        this.clock = requireNonNull(clock, "clock");
    }

    /** A new app and its secret (the only time the secret exists outside the caller). */
    public record Created(ConnectedApp app, String clientSecret) {
        @Override
        public String toString() {
            return "Created[app=" + app + ", clientSecret=***]";
        }
    }

    public Created create(long accountId, String name, List<String> scopeTexts) {
        Errors errors = new Errors();
        if (name == null || name.isBlank()) {
            errors.add("name", "can't be blank");
        } else if (name.length() > 255) {
            errors.add("name", "is too long (maximum is 255 characters)");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (scopeTexts.isEmpty()) {
            errors.add("scopes", "can't be blank (expected: read_servers, manage_servers, view_organization)");
        }
        for (String text : scopeTexts) {
            Scope.parse(text).ifPresentOrElse(scopes::add, () -> errors.add("scopes", "'" + text
                    + "' is not a scope (expected: read_servers, manage_servers, view_organization)"));
        }
        errors.throwIfAny();
        String clientId = "tg-" + Secrets.randomHex(12);
        String secret = Secrets.newToken();
        String codes = scopes.stream().map(Scope::code).collect(Collectors.joining(","));
        long id = database.write(h -> h.attach(ConnectedAppDao.class).insert(accountId, name.trim(), clientId,
                Secrets.sha256(secret), codes, clock.instant()));
        return new Created(database.read(h -> h.attach(ConnectedAppDao.class).find(accountId, id)).orElseThrow(),
                secret);
    }

    public List<ConnectedApp> list(long accountId) {
        return database.read(h -> h.attach(ConnectedAppDao.class).list(accountId));
    }

    public ConnectedApp find(long accountId, long id) {
        return database.read(h -> h.attach(ConnectedAppDao.class).find(accountId, id))
                .orElseThrow(TollgateException::notFound);
    }

    public void delete(long accountId, long id) {
        if (database.write(h -> h.attach(ConnectedAppDao.class).delete(accountId, id)) == 0) {
            throw TollgateException.notFound();
        }
    }

    /**
     * The app of {@code organization} with these credentials and every scope of {@code needed}.
     *
     * @throws TollgateException {@link ErrorCode#INVALID_CREDENTIALS} for an unknown id, a wrong secret
     *     or an app of another tenant; {@link ErrorCode#MISSING_SCOPES} naming what is missing
     */
    public ConnectedApp authenticate(long organization, String clientId, String secret, Set<Scope> needed) {
        ConnectedApp app = database.read(h -> h.attach(ConnectedAppDao.class)
                .findByCredentials(clientId, Secrets.sha256(secret)))
                .filter(a -> a.accountId() == organization)
                .orElseThrow(() -> new TollgateException(ErrorCode.INVALID_CREDENTIALS,
                        "client id or client secret is wrong"));
        List<String> missing = new ArrayList<>();
        Set<Scope> granted = scopes(app);
        for (Scope scope : needed) {
            if (!granted.contains(scope)) {
                missing.add(scope.label());
            }
        }
        if (!missing.isEmpty()) {
            throw new TollgateException(ErrorCode.MISSING_SCOPES, String.join(", ", missing));
        }
        return app;
    }

    public static Set<Scope> scopes(ConnectedApp app) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String code : app.scopes().split(",")) {
            Scope.parse(code).ifPresent(scopes::add);
        }
        return scopes;
    }
}
