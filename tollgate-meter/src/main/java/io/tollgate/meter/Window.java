package io.tollgate.meter;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One calendar-aligned counting window: {@code start} inclusive, {@code end} exclusive, both UTC.
 *
 * @param period the period this window belongs to
 * @param start the first instant inside the window
 * @param end the first instant after the window
 */
public record Window(Period period, Instant start, Instant end) {

    /** Validates the bounds. */
    public Window {
        requireNonNull(period, "period");
        requireNonNull(start, "start");
        requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end: " + end + " (expected: after start " + start + ")");
        }
    }

    /** The suffix that makes a counter key unique to this window: {@code :<period>:<start epoch seconds>}. */
    public String keySuffix() {
        return ":" + period.code() + ":" + start.getEpochSecond();
    }

    /** Whether {@code instant} falls inside this window. */
    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }
}
