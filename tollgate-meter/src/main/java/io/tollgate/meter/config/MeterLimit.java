package io.tollgate.meter.config;

import static java.util.Objects.requireNonNull;

import io.tollgate.meter.Period;

/**
 * At most {@code value} units of a metric per window of {@code period}; 0 disables the metric.
 *
 * @param metricId the limited metric
 * @param period the window
 * @param value the maximum, {@code >= 0}
 */
public record MeterLimit(long metricId, Period period, long value) {
    /** Checks the fields. */
    public MeterLimit {
        requireNonNull(period, "period");
        if (value < 0) {
            throw new IllegalArgumentException("value: " + value + " (expected: >= 0)");
        }
    }
}
