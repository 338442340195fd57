package io.tollgate.meter.engine;

import static java.util.Objects.requireNonNull;

import io.tollgate.meter.Period;
import java.time.Instant;

/**
 * One limit's state in a response: {@code <usage_report metric="…" period="…">}.
 *
 * @param metric the metric's name
 * @param period the limit's period
 * @param periodStart the window start (unused for eternity)
 * @param periodEnd the window end (unused for eternity)
 * @param maxValue the limit
 * @param currentValue the value in the window, including this call's usage when it was recorded
 */
public record UsageReport(String metric, Period period, Instant periodStart, Instant periodEnd, long maxValue,
        long currentValue) {

    /** Checks the fields. */
    public UsageReport {
        requireNonNull(metric, "metric");
        requireNonNull(period, "period");
        requireNonNull(periodStart, "periodStart");
        requireNonNull(periodEnd, "periodEnd");
    }

    /** Whether the window is already past its limit ({@code exceeded="true"}). */
    public boolean exceeded() {
        return currentValue > maxValue;
    }
}
