package io.tollgate.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PeriodTest {

    @ParameterizedTest(name = "{0}: {1} and {2} sit on either side of a boundary")
    @CsvSource({
            "minute, 2026-03-04T10:14:59.999Z, 2026-03-04T10:15:00Z",
            "hour,   2026-03-04T10:59:59.999Z, 2026-03-04T11:00:00Z",
            "day,    2026-03-04T23:59:59.999Z, 2026-03-05T00:00:00Z",
            "week,   2026-03-08T23:59:59.999Z, 2026-03-09T00:00:00Z",
            "month,  2026-03-31T23:59:59.999Z, 2026-04-01T00:00:00Z",
            "year,   2025-12-31T23:59:59.999Z, 2026-01-01T00:00:00Z",
            "day,    2024-02-28T23:59:59.999Z, 2024-02-29T00:00:00Z",
            "month,  2024-02-29T23:59:59.999Z, 2024-03-01T00:00:00Z"
    })
    void boundaryStartsANewWindow(String code, Instant before, Instant at) {
        Period period = Period.fromCode(code);
        Window previous = period.window(before);
        Window next = period.window(at);
        assertThat(previous.end()).isEqualTo(at);
        assertThat(next.start()).isEqualTo(at);
        assertThat(previous.contains(before)).isTrue();
        assertThat(previous.contains(at)).isFalse();
        assertThat(next.contains(at.plusMillis(1))).isTrue();
        assertThat(next.keySuffix()).isNotEqualTo(previous.keySuffix());
        assertThat(period.window(at.plusMillis(1))).isEqualTo(next);
    }

    @Test
    void leapDayIsItsOwnDayInsideAFebruaryOf29Days() {
        Instant leap = Instant.parse("2024-02-29T12:00:00Z");
        assertThat(Period.DAY.window(leap).start()).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
        Window february = Period.MONTH.window(leap);
        assertThat(february.start()).isEqualTo(Instant.parse("2024-02-01T00:00:00Z"));
        assertThat(february.end()).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
        Window year = Period.YEAR.window(leap);
        assertThat(year.end().getEpochSecond() - year.start().getEpochSecond()).isEqualTo(366L * 86_400);
    }

    @Test
    void weekStartsOnMondayAndMayCrossTheYear() {
        // 2026-01-01 is a Thursday: its week began on Monday 2025-12-29.
        Window week = Period.WEEK.window(Instant.parse("2026-01-01T08:00:00Z"));
        assertThat(week.start()).isEqualTo(Instant.parse("2025-12-29T00:00:00Z"));
        assertThat(week.end()).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
        assertThat(Period.WEEK.window(Instant.parse("2025-12-29T00:00:00Z"))).isEqualTo(week);
        assertThat(Period.WEEK.window(Instant.parse("2025-12-28T23:59:59.999Z")).end()).isEqualTo(week.start());
        assertThat(Period.WEEK.window(Instant.parse("2026-01-04T23:59:59.999Z"))).isEqualTo(week);
    }

    @Test
    void eternityRunsFrom1970To9999() {
        Window forever = Period.ETERNITY.window(Instant.parse("2026-03-04T10:15:00Z"));
        assertThat(forever.start()).isEqualTo(Instant.EPOCH);
        assertThat(forever.end()).isEqualTo(Instant.parse("9999-12-31T00:00:00Z"));
        assertThat(forever.keySuffix()).isEqualTo(":eternity:0");
        assertThat(Period.ETERNITY.window(Instant.EPOCH)).isEqualTo(forever);
    }

    @Test
    void keySuffixIsPeriodAndStartEpochSeconds() {
        Window minute = Period.MINUTE.window(Instant.parse("1970-01-01T00:01:30Z"));
        assertThat(minute.keySuffix()).isEqualTo(":minute:60");
    }

    @Test
    void unknownPeriodIsRejectedWithTheExpectedValues() {
        assertThatThrownBy(() -> Period.fromCode("second"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("period: second (expected:");
    }
}
