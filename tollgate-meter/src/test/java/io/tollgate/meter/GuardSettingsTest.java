package io.tollgate.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GuardSettingsTest {

    @Test
    void parsesThePolicyInAnyCaseAndDefaultsToDeny() {
        assertThat(FailurePolicy.parse("deny")).isEqualTo(FailurePolicy.DENY);
        assertThat(FailurePolicy.parse(" Allow ")).isEqualTo(FailurePolicy.ALLOW);
        assertThat(FailurePolicy.parse("LOCAL")).isEqualTo(FailurePolicy.LOCAL);
        assertThat(FailurePolicy.parse(null)).isEqualTo(FailurePolicy.DENY);
        assertThat(FailurePolicy.parse("")).isEqualTo(FailurePolicy.DENY);
        assertThatThrownBy(() -> FailurePolicy.parse("local_fallback"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOLLGATE_ON_STORE_FAILURE: local_fallback (expected: deny, allow or local)");
    }

    @Test
    void parsesNodesAndTimeoutWithDefaults() {
        GuardSettings defaults = GuardSettings.parse(null, null, null);
        assertThat(defaults).isEqualTo(new GuardSettings(FailurePolicy.DENY, 1, Duration.ofMillis(50), 5,
                Duration.ofSeconds(1)));
        GuardSettings set = GuardSettings.parse("local", "4", "75");
        assertThat(set.policy()).isEqualTo(FailurePolicy.LOCAL);
        assertThat(set.nodes()).isEqualTo(4);
        assertThat(set.timeout()).isEqualTo(Duration.ofMillis(75));
    }

    @Test
    void rejectsBadNodeCountsNamingTheVariable() {
        for (String bad : new String[] {"0", "-1", "two", "1.5"}) {
            assertThatThrownBy(() -> GuardSettings.parse("local", bad, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("TOLLGATE_METER_NODES: " + bad
                            + " (expected: a whole number >= 1, the gateway nodes sharing the counter store)");
        }
        assertThatThrownBy(() -> GuardSettings.of(FailurePolicy.DENY).withOpenInterval(Duration.ZERO))
                .hasMessage("openInterval: PT0S (expected: > 0)");
    }
}
