package io.tollgate.meter.api;

import static io.tollgate.meter.api.Fixtures.NOW;
import static io.tollgate.meter.api.Fixtures.SERVICE;
import static io.tollgate.meter.api.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.meter.Period;
import io.tollgate.meter.engine.UsageReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitHeadersTest {
    /** Seconds from 2020-01-06 14:52:30.5 to the end of the day, 9 h 7 min 29.5 s, rounded up. */
    private static final long DAY_LEFT = 32_850;

    private static LimitHeaders of(Map<String, Long> usage, UsageReport... reports) {
        return LimitHeaders.of(List.of(reports), usage, SERVICE, NOW);
    }

    @Test
    void countsTheIdenticalCallsThatStillFit() {
        // 10 per day, 4 used (this call's 2 included): 3 more calls of 2
        assertThat(of(Map.of("hits", 2L), report("hits", Period.DAY, 10, 4)))
                .isEqualTo(new LimitHeaders(3, DAY_LEFT, 10L));
    }

    @Test
    void theSmallestRemainingWinsAndTiesGoToTheLongestPeriod() {
        LimitHeaders tie = of(Map.of("hits", 1L), report("hits", Period.MINUTE, 10, 9),
                report("hits", Period.HOUR, 100, 99), report("hits", Period.DAY, 1000, 500));
        LimitHeaders smallest = of(Map.of("hits", 1L), report("hits", Period.DAY, 1000, 998),
                report("hits", Period.MINUTE, 10, 5));

        assertThat(tie).isEqualTo(new LimitHeaders(1, 450, 100L)); // the hour, 7 min 29.5 s left
        assertThat(smallest).isEqualTo(new LimitHeaders(2, DAY_LEFT, 1000L));
    }

    @Test
    void anExhaustedLimitIsZeroEvenWhenTheCallUsesNothing() {
        assertThat(of(Map.of(), report("hits", Period.MINUTE, 2, 3), report("m1", Period.DAY, 5, 0)))
                .isEqualTo(new LimitHeaders(0, 30, 2L));
    }

    @Test
    void withoutUsageNothingConstrainsTheCall() {
        assertThat(of(Map.of(), report("hits", Period.MINUTE, 2, 1))).isEqualTo(LimitHeaders.UNCONSTRAINED);
        assertThat(of(Map.of("hits", 1L))).isEqualTo(LimitHeaders.UNCONSTRAINED);
    }

    @Test
    void onlyTheUsedMetricsAndTheirAncestorsApply() {
        // m1 rolls up into hits; search is unrelated and nearly exhausted
        LimitHeaders headers = of(Map.of("m1", 2L), report("search", Period.MINUTE, 1, 0),
                report("hits", Period.HOUR, 100, 50), report("m1", Period.DAY, 7, 1));

        assertThat(headers).isEqualTo(new LimitHeaders(3, DAY_LEFT, 7L));
    }

    @Test
    void aParentCountsItsDescendantsUsage() {
        // hits: 20 left; the call uses m1 3 + m2 2 = 5 hits
        assertThat(of(Map.of("m1", 3L, "m2", 2L), report("hits", Period.MINUTE, 30, 10)))
                .isEqualTo(new LimitHeaders(4, 30, 30L));
    }

    @Test
    void eternityNeverResets() {
        assertThat(of(Map.of("hits", 1L), report("hits", Period.ETERNITY, 5, 1))).isEqualTo(new LimitHeaders(4, -1, 5L));
    }
}
