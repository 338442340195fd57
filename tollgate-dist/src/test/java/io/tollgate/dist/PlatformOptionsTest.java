package io.tollgate.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlatformOptionsTest {
    @Test
    void userSessionTtlDefaultsToTwoWeeksWhenUnsetOrEmpty() {
        assertThat(PlatformOptions.userSessionTtl(null)).isEqualTo(Duration.ofSeconds(1_209_600));
        assertThat(PlatformOptions.userSessionTtl("")).isEqualTo(Duration.ofSeconds(1_209_600));
        assertThat(PlatformOptions.userSessionTtl("28800")).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void invalidUserSessionTtlIsAOneLineUserError() {
        assertThatThrownBy(() -> PlatformOptions.userSessionTtl("2w"))
                .isInstanceOf(UserException.class)
                .hasMessage("TOLLGATE_USER_SESSION_TTL: 2w (expected: a whole number of seconds > 0)");
        assertThatThrownBy(() -> PlatformOptions.userSessionTtl("0"))
                .isInstanceOf(UserException.class)
                .hasMessage("TOLLGATE_USER_SESSION_TTL: 0 (expected: a whole number of seconds > 0)");
    }
}
