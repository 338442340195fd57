package io.tollgate.server.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.model.User;
import io.tollgate.server.testing.DeveloperFixtures;
import io.tollgate.server.testing.PlatformTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class UserSessionsTest extends PlatformTest {
    private static final Duration TTL = Duration.ofSeconds(600);

    private final MovableClock clock = new MovableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private UserSessions sessions;
    private long userId;

    @BeforeEach
    void setUp() {
        sessions = new UserSessions(platform.database(), clock, TTL);
        userId = new DeveloperFixtures(admin).firstUser(new DeveloperFixtures(admin).account());
    }

    @Test
    void aSessionIsValidUntilExactlyItsTtl() {
        String token = sessions.create(userId);

        assertThat(sessions.validate(token)).map(User::id).hasValue(userId);
        clock.advance(TTL.minusMillis(1));
        assertThat(sessions.validate(token)).map(User::id).hasValue(userId);
        clock.advance(Duration.ofMillis(1));
        assertThat(sessions.validate(token)).isEmpty();
    }

    @Test
    void aRevokedSessionIsNoLongerValidAndOthersAreUntouched() {
        String token = sessions.create(userId);
        String other = sessions.create(userId);

        assertThat(sessions.revoke(token)).isTrue();

        assertThat(sessions.validate(token)).isEmpty();
        assertThat(sessions.validate(other)).map(User::id).hasValue(userId);
        assertThat(sessions.revoke(token)).isFalse();
    }

    @Test
    void unknownOrEmptyTokensAreNotValid() {
        sessions.create(userId);

        assertThat(sessions.validate("no-such-token")).isEmpty();
        assertThat(sessions.validate("")).isEmpty();
        assertThat(sessions.validate(null)).isEmpty();
        assertThat(sessions.revoke("no-such-token")).isFalse();
    }

    @Test
    void tokensAreRandomAndOnlyTheirDigestIsStored() {
        String token = sessions.create(userId);

        assertThat(token).isNotEqualTo(sessions.create(userId)).hasSizeGreaterThanOrEqualTo(32);
        int plain = platform.database().read(h -> h.createQuery(
                "SELECT COUNT(*) FROM user_sessions WHERE token_hash = :t").bind("t", token)
                .mapTo(Integer.class).one());
        assertThat(plain).isZero();
    }

    @Test
    void deletingTheUsersAccountEndsItsSessions() {
        long account = new DeveloperFixtures(admin).account();
        long user = new DeveloperFixtures(admin).firstUser(account);
        String token = sessions.create(user);

        assertThat(admin.delete("/admin/api/accounts/" + account + ".json").status()).isEqualTo(200);

        assertThat(sessions.validate(token)).isEmpty();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void unsetOrEmptyTtlIsTwoWeeks(String value) {
        assertThat(UserSessions.ttlFrom(value)).isEqualTo(Duration.ofSeconds(1_209_600));
    }

    @Test
    void theControlPlaneDefaultsToTwoWeeksAndANumberIsSeconds() {
        assertThat(platform.sessions().ttl()).isEqualTo(Duration.ofDays(14));
        assertThat(UserSessions.ttlFrom("3600")).isEqualTo(Duration.ofHours(1));
        assertThat(UserSessions.ttlFrom(" 60 ")).isEqualTo(Duration.ofMinutes(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-5", "1.5", "2w", "99999999999999999999"})
    void invalidTtlIsAnErrorNamingTheVariable(String value) {
        assertThatThrownBy(() -> UserSessions.ttlFrom(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOLLGATE_USER_SESSION_TTL: " + value + " (expected: a whole number of seconds > 0)");
    }

    @Test
    void aZeroTtlIsRefusedByTheComponent() {
        assertThatThrownBy(() -> new UserSessions(platform.database(), clock, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ttl: PT0S (expected: > 0)");
    }

    /** A clock tests move forward. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
