package io.tollgate.server.domain;

import static java.util.Objects.requireNonNull;

import io.tollgate.common.Secrets;
import io.tollgate.model.User;
import io.tollgate.store.Database;
import io.tollgate.store.UserSessionDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Login sessions of users (the portals use them). A session is a random token handed out once;
 * only its SHA-256 digest is stored. It is valid until {@code created + ttl} (exclusive) unless
 * revoked first.
 */
public final class UserSessions {
    /** The environment variable that sets the session length in seconds. */
    public static final String TTL_VARIABLE = "TOLLGATE_USER_SESSION_TTL";
    public static final Duration DEFAULT_TTL = Duration.ofDays(14);

    private final Database database;
    private final Clock clock;
    private final Duration ttl;

    public UserSessions(Database database, Clock clock, Duration ttl) {
        this.database = requireNonNull(database, "database");
        this.clock = requireNonNull(clock, "clock");
        this.ttl = requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl: " + ttl + " (expected: > 0)");
        }
    }

    /**
     * The session length given by {@value #TTL_VARIABLE}: unset or empty gives two weeks.
     *
     * @throws IllegalArgumentException naming the variable when the value is not a whole number of
     *                                  seconds greater than 0
     */
    public static Duration ttlFrom(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_TTL;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below with the same message as a value <= 0
        }
        throw new IllegalArgumentException(TTL_VARIABLE + ": " + v + " (expected: a whole number of seconds > 0)");
    }

    public Duration ttl() {
        return ttl;
    }

    /** Opens a session for the user and returns its token; the token is not stored and not shown again. */
    public String create(long userId) {
        String token = Secrets.newToken();
        Instant now = clock.instant();
        database.write(h -> h.attach(UserSessionDao.class).insert(userId, Secrets.sha256(token), now,
                now.plus(ttl)));
        return token;
    }

    /** The user of a live session: known token, not revoked, not expired. */
    public Optional<User> validate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return database.read(h -> h.attach(UserSessionDao.class).findLiveUser(Secrets.sha256(token), now));
    }

    /** Ends the session; true when a live or expired, not yet revoked session had this token. */
    public boolean revoke(String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        return database.write(h -> h.attach(UserSessionDao.class).revoke(Secrets.sha256(token))) > 0;
    }
}
